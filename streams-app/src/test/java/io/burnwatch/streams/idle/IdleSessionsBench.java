package io.burnwatch.streams.idle;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test: 100,000 agent sessions active at once, each calling about once a minute for 40 minutes
 * of event time, through the whole topology in one thread. Prints events/s, the idle-sessions store's size on
 * disk per session and the heap in use. Run with
 * {@code mvn -o test -pl streams-app -am -Dtest=IdleSessionsBench -Dburnwatch.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "burnwatch.bench", matches = "true")
class IdleSessionsBench {

    private static final int SESSIONS = Integer.getInteger("burnwatch.bench.sessions", 100_000);
    private static final int MINUTES = Integer.getInteger("burnwatch.bench.minutes", 40);
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void hundredThousandActiveSessions() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            SplittableRandom random = new SplittableRandom(3);
            long events = 0;
            long started = System.nanoTime();
            for (int minute = 0; minute < MINUTES; minute++) {
                for (int s = 0; s < SESSIONS; s++) {
                    // Sessions take turns through the minute, so stream time moves on evenly.
                    Instant ts = T0.plus(Duration.ofMinutes(minute)).plusMillis(60_000L * s / SESSIONS);
                    UsageEvent call = Events.call("user-" + (s / 4), "s-" + s, ts)
                            .setTeamId("team-" + (s % 50)).setRepo("acme/repo-" + (s % 200)).setClient("claude-code")
                            .setInputTokens(random.nextLong(1_000, 20_000)).setOutputTokens(random.nextLong(100, 2_000))
                            .setCacheReadTokens(random.nextLong(0, 60_000)).setCostUsd(0.02)
                            .setPromptHash(Long.toHexString(random.nextLong())).build();
                    pipeline.pipe(call);
                    events++;
                }
                pipeline.alerts.readValuesToList();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Runtime runtime = Runtime.getRuntime();
            runtime.gc();
            long heap = runtime.totalMemory() - runtime.freeMemory();
            long storeBytes = bytesUnder(pipeline.stateDir(), IdleStores.SESSIONS);
            System.out.printf(Locale.ROOT, "%,d sessions, %,d events in %.1f s: %,.0f events/s (whole topology, one"
                            + " thread, TopologyTestDriver); %s on disk: %,d bytes, %,.0f per session; heap in use"
                            + " after GC: %,d MiB%n", SESSIONS, events, seconds, events / seconds, IdleStores.SESSIONS,
                    storeBytes, (double) storeBytes / SESSIONS, heap >> 20);
        }
    }

    private static long bytesUnder(Path root, String store) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().contains("/" + store + "/") && Files.isRegularFile(path))
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
