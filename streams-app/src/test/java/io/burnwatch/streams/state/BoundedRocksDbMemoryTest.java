package io.burnwatch.streams.state;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.testing.PipelineDriver;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RocksDB's memory, bounded for the whole process")
class BoundedRocksDbMemoryTest {

    @Test
    @DisplayName("every persistent store reads through one block cache of burnwatch.rocksdb.memory.mib")
    void oneCacheForEveryStore() {
        try (PipelineDriver pipeline = PipelineDriver.start(Map.of(BoundedRocksDbMemory.MEMORY_MIB, "64"))) {
            pipeline.pipe(call("ada", "s-1", Instant.parse("2026-12-07T09:00:00Z")).build());

            // A window store with no segment yet has no RocksDB to ask, and reports 0.
            List<BigInteger> capacities = pipeline.streamsMetrics().entrySet().stream()
                    .filter(metric -> metric.getKey().name().equals("block-cache-capacity"))
                    .map(metric -> new BigInteger(String.valueOf(metric.getValue().metricValue())))
                    .filter(capacity -> capacity.signum() > 0)
                    .toList();

            // Without the bound each store has a cache of its own, 50 MiB by default.
            assertThat(capacities).as("block cache capacity of each open store").hasSizeGreaterThan(5)
                    .allSatisfy(capacity -> assertThat(capacity).isEqualTo(BigInteger.valueOf(64L << 20)));
        }
    }
}
