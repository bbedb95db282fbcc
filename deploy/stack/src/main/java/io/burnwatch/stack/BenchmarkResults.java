package io.burnwatch.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's results with the machine they were taken on, and how they compare with burnwatch's targets. */
record BenchmarkResults(long events, int users, int partitions, Map<String, String> settings, ProcessingRate passThrough,
                        ProcessingRate full, Benchmark.LatencyRun latency, String heap, AppFootprint memory,
                        StateFootprint state, RestartTime restart) {

    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    static final double TARGET_RATIO = 0.6;
    static final long TARGET_P99_MS = 1_000;
    static final long TARGET_HEAP_BYTES = 512L << 20;

    String json() throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("taken_at", Instant.now().toString());
        root.put("machine", machine());
        root.put("input", Map.of("events", events, "users", users, "partitions", partitions, "settings", settings));
        double ratio = full.perSecond() / passThrough.perSecond();
        root.put("throughput", ordered(
                "full_events_per_second", Math.round(full.perSecond()),
                "pass_through_events_per_second", Math.round(passThrough.perSecond()),
                "ratio", Math.round(ratio * 1000) / 1000.0,
                "full_seconds", full.seconds(), "full_startup_seconds", full.startupSeconds(),
                "pass_through_seconds", passThrough.seconds(),
                "pass_through_startup_seconds", passThrough.startupSeconds(),
                "full_cpu_ms_per_1k_events", Math.round(full.cpuMsPerThousand()),
                "pass_through_cpu_ms_per_1k_events", Math.round(passThrough.cpuMsPerThousand()),
                "warm_full_events_per_second", Math.round(full.warm().perSecond()),
                "warm_full_cpu_ms_per_1k_events", Math.round(full.warm().cpuMsPerThousand()),
                "warm_pass_through_events_per_second", Math.round(passThrough.warm().perSecond()),
                "warm_pass_through_cpu_ms_per_1k_events", Math.round(passThrough.warm().cpuMsPerThousand())));
        AlertLatency.Percentiles p = latency.percentiles();
        root.put("alert_latency", ordered("open_alerts", p.alerts(), "kinds", p.kinds(),
                "input_events_per_second", Math.round(latency.eventsPerSecond()), "p50_ms", p.p50Ms(),
                "p95_ms", p.p95Ms(), "p99_ms", p.p99Ms(), "max_ms", p.maxMs()));
        root.put("memory", ordered("max_heap", heap, "peak_heap_used_bytes", memory.peakHeapBytes(),
                "peak_live_data_bytes", memory.peakLiveBytes(), "peak_rss_bytes", memory.peakRssBytes()));
        root.put("state", ordered("bytes", state.stateBytes(), "sessions", state.sessions(),
                "bytes_per_session", Math.round(state.bytesPerSession()),
                "session_store_bytes_per_session", Math.round(state.sessionStoreBytesPerSession())));
        root.put("restart", ordered("local_state_seconds", restart.localSeconds(),
                "restore_seconds", restart.restoreSeconds(), "changelog_bytes", restart.changelogBytes()));
        root.put("targets", ordered(
                "full_at_least_100k_events_per_second", full.perSecond() >= TARGET_EVENTS_PER_SECOND,
                "full_at_least_0_6_of_pass_through", ratio >= TARGET_RATIO,
                "alert_latency_p99_at_most_1s", p.alerts() > 0 && p.p99Ms() <= TARGET_P99_MS,
                "heap_at_most_512mib", memory.peakHeapBytes() > 0 && memory.peakHeapBytes() <= TARGET_HEAP_BYTES));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Map<String, Object> machine() {
        return ordered("cores", Runtime.getRuntime().availableProcessors(),
                "cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"),
                "memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException notLinux) {
            return "unknown";
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
