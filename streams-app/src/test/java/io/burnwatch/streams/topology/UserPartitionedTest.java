package io.burnwatch.streams.topology;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The test driver reads every input from partition 0; with four partitions, a user whose key belongs on partition
 * 0 is read where it belongs, and any other user as if a producer with another partitioner had written it.
 */
class UserPartitionedTest {

    private static final int PARTITIONS = 4;
    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");

    private final PipelineDriver pipeline = PipelineDriver.start(
            Map.of(BurnwatchSettings.TOPIC_PARTITIONS, Integer.toString(PARTITIONS)));

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    @DisplayName("a user's partition is the one Java's producer picks: murmur2 of the key's UTF-8 bytes")
    void sameAsJavaProducer() {
        IntStream.range(0, 1_000).mapToObj(i -> "user-" + i + "-é").forEach(user ->
                assertThat(UserPartition.of(user, 6))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(user.getBytes(StandardCharsets.UTF_8), 6)));
    }

    @Test
    @DisplayName("records read from their user's partition go straight on: nothing is written to a repartition topic")
    void ownedRecordsTakeNoDetour() {
        String user = userOn(0);
        pipeline.pipe(call(user, "s-1", MINUTE).setInputTokens(10).build());
        pipeline.pipe(commit(user, MINUTE.plusSeconds(5)));
        pipeline.pipe(call(user, "s-1", MINUTE.plusSeconds(90)).build());

        // With six partitions the tasks expect the other partitions as sources (SourceClock): none is heard from.
        pipeline.passWallClock(Duration.ofMillis(SourceClock.ACTIVE_MS + 10_000));
        assertThat(userRollups()).singleElement().satisfies(rollup -> {
            assertThat(rollup.getDimensionValue()).isEqualTo(user);
            assertThat(rollup.getRequests()).isEqualTo(1);
            assertThat(rollup.getCommits()).isEqualTo(1);
        });
        assertThat(pipeline.driver.producedTopicNames()).noneMatch(topic -> topic.endsWith("misplaced-repartition"));
    }

    @Test
    @DisplayName("records read from another partition than their user's move to it, and count once, repeats included")
    void misplacedRecordsMoveToTheirUsersTask() {
        String user = userOn(3);
        UsageEvent first = call(user, "s-1", MINUTE).setInputTokens(10).build();
        pipeline.pipe(first);
        pipeline.pipe(first);
        pipeline.pipe(call(user, "s-1", MINUTE.plusSeconds(1)).setInputTokens(20).build());
        pipeline.pipe(commit(user, MINUTE.plusSeconds(5)));
        // Moved records are their own sources (SourceClock): the minute closes once each has passed it.
        pipeline.pipe(call(user, "s-1", MINUTE.plusSeconds(90)).build());
        pipeline.pipe(commit(user, MINUTE.plusSeconds(90)));
        pipeline.pipe(call(userOn(0), "s-1", MINUTE.plusSeconds(90)).build());

        // With six partitions the tasks expect the other partitions as sources (SourceClock): none is heard from.
        pipeline.passWallClock(Duration.ofMillis(SourceClock.ACTIVE_MS + 10_000));
        assertThat(userRollups()).singleElement().satisfies(rollup -> {
            assertThat(rollup.getDimensionValue()).isEqualTo(user);
            assertThat(rollup.getRequests()).isEqualTo(2);
            assertThat(rollup.getInputTokens()).isEqualTo(30);
            assertThat(rollup.getCommits()).isEqualTo(1);
        });
        assertThat(pipeline.driver.producedTopicNames())
                .anyMatch(topic -> topic.endsWith("-usage-misplaced-repartition"))
                .anyMatch(topic -> topic.endsWith("-outcomes-misplaced-repartition"));
    }

    private List<UsageRollup> userRollups() {
        return PipelineDriver.of(Dimension.USER, pipeline.rollups);
    }

    private static String userOn(int partition) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "user-" + i)
                .filter(user -> UserPartition.of(user, PARTITIONS) == partition).findFirst().orElseThrow();
    }
}
