package io.burnwatch.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The streams app's memory while it runs: the resident set of its process (VmRSS in /proc; the process of the
 * moment, across restarts) every second, and from its /metrics, every 10 s as a Prometheus server would scrape
 * it, the heap in use and the live data the last full collection left. A scrape walks every Kafka metric of every
 * task and store: scraping each second would take a fifth of what the stream thread gets of the CPU.
 */
final class AppFootprint implements AutoCloseable {

    private static final long RSS_EVERY_MS = 1_000;
    private static final int SCRAPE_EVERY = 10;

    private final LongSupplier pid;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest metrics;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "burnwatch-bench-footprint");
        thread.setDaemon(true);
        return thread;
    });
    private int samples;
    private volatile long peakRssBytes;
    private volatile long peakHeapBytes;
    private volatile long peakLiveBytes;

    AppFootprint(LongSupplier pid, URI metricsUri) {
        this.pid = pid;
        this.metrics = HttpRequest.newBuilder(metricsUri).timeout(Duration.ofSeconds(5)).GET().build();
        sampler.scheduleWithFixedDelay(this::sample, 0, RSS_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    /** The most live data a full (old-generation) collection found: what the heap must hold. */
    long peakLiveBytes() {
        return peakLiveBytes;
    }

    private void sample() {
        peakRssBytes = Math.max(peakRssBytes, rss());
        if (samples++ % SCRAPE_EVERY != 0) {
            return;
        }
        try {
            String text = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            peakHeapBytes = Math.max(peakHeapBytes, (long) sum(text, "jvm_memory_used_bytes{", "area=\"heap\""));
            peakLiveBytes = Math.max(peakLiveBytes, (long) sum(text, "jvm_gc_live_data_size_bytes", ""));
        } catch (IOException notAnswering) {
            // Between a stop and a restart: the next sample counts.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process has ended, or this is not Linux.
        }
        return 0;
    }

    /** The sum of the Prometheus samples of {@code metric} whose line contains {@code label}. */
    static double sum(String exposition, String metric, String label) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
