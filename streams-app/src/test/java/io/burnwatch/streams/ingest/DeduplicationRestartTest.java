package io.burnwatch.streams.ingest;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.PipelineDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Repeated events across a restart")
class DeduplicationRestartTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String EVENT_IDS = "usage-event-ids";

    @TempDir
    Path stateDir;
    @TempDir
    Path saved;

    @Test
    @DisplayName("a repeat after a restart on the same local state is still dropped: the filter is rebuilt from the store")
    void repeatAfterRestart() {
        // At least once: under exactly once, a store found without a checkpoint is wiped as corrupted.
        Map<String, String> sameState = Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        UsageEvent first = call("alice", "s-1", T0).setInputTokens(3).build();
        try (PipelineDriver before = PipelineDriver.start(sameState)) {
            before.pipe(first);
            assertThat(before.ingest.duplicates()).doesNotContainKey("usage");
            // The test driver deletes its state directory on close: keep a copy of the event ids, closed so that
            // RocksDB writes them out, and put it back as the state the restarted app finds.
            before.driver.getWindowStore(EVENT_IDS).close();
            copy(stateDir, saved);
        }
        copy(saved, stateDir);

        try (PipelineDriver after = PipelineDriver.start(sameState)) {
            after.pipe(first);
            after.pipe(UsageEvent.newBuilder(first).setTs(T0.plusSeconds(30)).build());

            assertThat(after.ingest.duplicates()).containsEntry("usage", 2L);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
