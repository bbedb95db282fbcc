package io.burnwatch.streams.clock;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One partition fed by two forwarders, each in its own order, one of them days ahead (a librdkafka-partitioned JSON
 * backlog): lateness is judged by each source's own time, and windows close on the slower one's.
 */
@DisplayName("Sources of one partition")
class SourceClockTest {

    /** Three days before the driver's wall clock, so that a source two days ahead is not in the future. */
    private static final Instant T0 = PipelineDriver.WALL_CLOCK.minus(Duration.ofDays(3));

    @Test
    @DisplayName("a source two days behind another is not too old, and its repeats are still dropped; behind its own time it is")
    void tooOldBySource() {
        // Dead letters are captured by TopologyTestDriver only at least once.
        try (PipelineDriver pipeline = PipelineDriver.start(
                Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))) {
            pipe(pipeline, "json-1", call("bob", "s-b", T0.plus(Duration.ofDays(2))).setEventId("ahead").build());
            UsageEvent behind = call("alice", "s-a", T0).setEventId("behind").build();
            pipe(pipeline, "json-0", behind);
            pipe(pipeline, "json-0", behind);
            pipe(pipeline, "json-1", call("bob", "s-b", T0.plus(Duration.ofHours(1))).setEventId("stale").build());

            assertThat(pipeline.dlq.readRecordsToList()).hasSize(1).allSatisfy(dead -> assertThat(
                    new String(dead.headers().lastHeader("burnwatch.dlq.reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("TOO_OLD"));
            assertThat(pipeline.ingest.duplicates()).containsEntry("usage", 1L);
        }
    }

    @Test
    @DisplayName("windows close on the slower source: the faster one racing ahead sends nothing of the other's to the late topic")
    void windowsCloseOnTheSlowerSource() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            // A source first heard from after another has moved on cannot hold it back: this one is heard first.
            pipe(pipeline, "json-0", call("alice", "s-a", T0.minusSeconds(1)).build());
            pipe(pipeline, "json-1", call("bob", "s-b", T0.plus(Duration.ofHours(3))).build());
            for (int minute = 0; minute < 5; minute++) {
                pipe(pipeline, "json-0", call("alice", "s-a", T0.plus(Duration.ofMinutes(minute))).build());
            }

            assertThat(pipeline.late.isEmpty()).isTrue();
            List<UsageRollup> alice = PipelineDriver.of(Dimension.USER, pipeline.rollups).stream()
                    .filter(rollup -> rollup.getDimensionValue().equals("alice")).toList();
            assertThat(alice).extracting(UsageRollup::getWindowStart)
                    .containsExactly(T0.minusSeconds(60), T0, T0.plusSeconds(60), T0.plusSeconds(120));
        }
    }

    @Test
    @DisplayName("JSON history written today is judged by its own ts: two days old in order is not too old")
    void jsonHistoryWrittenNow() {
        try (PipelineDriver pipeline = PipelineDriver.start(
                Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))) {
            for (int hour = 0; hour < 3; hour++) {
                String json = "{\"event_id\": \"h-" + hour + "\", \"ts\": \"" + T0.plus(Duration.ofHours(hour))
                        + "\", \"user_id\": \"alice\", \"session_id\": \"s-1\", \"initiator\": \"AGENT\","
                        + " \"model\": \"gpt-5\", \"input_tokens\": 1, \"output_tokens\": 0,"
                        + " \"cache_read_tokens\": 0, \"cache_write_tokens\": 0}";
                pipeline.usageJson.pipeInput("alice", json, PipelineDriver.WALL_CLOCK);
            }

            assertThat(pipeline.dlq.isEmpty()).isTrue();
            assertThat(pipeline.usageOut.readValuesToList()).hasSize(3);
        }
    }

    @Test
    @DisplayName("when records start to come, time waits for every expected source, or for as long as a source stays active")
    void expectedSourcesAreAwaited() {
        SourceClock clock = new SourceClock();
        clock.expect(List.of("json-0", "json-1"));
        long wall = 1_000_000;

        clock.observe("json-0", 5_000, wall);
        assertThat(clock.time(wall)).as("json-1 not heard from yet").isEqualTo(Long.MIN_VALUE);
        clock.observe("json-1", 2_000, wall + 1);
        assertThat(clock.time(wall + 1)).isEqualTo(2_000);

        clock.observe("json-0", 6_000, wall + SourceClock.ACTIVE_MS / 2);
        assertThat(clock.time(wall + SourceClock.ACTIVE_MS + 1)).as("json-1 quiet for a while").isEqualTo(6_000);
        clock.observe("json-0", 9_000, wall + 3 * SourceClock.ACTIVE_MS);
        assertThat(clock.time(wall + 3 * SourceClock.ACTIVE_MS)).as("after an idle spell, json-1 is awaited again")
                .isEqualTo(Long.MIN_VALUE);
        assertThat(clock.time(wall + 4 * SourceClock.ACTIVE_MS)).isEqualTo(9_000);
    }

    private static void pipe(PipelineDriver pipeline, String source, UsageEvent call) {
        RecordHeaders headers = new RecordHeaders();
        SourceClock.stamp(headers, source);
        pipeline.usage.pipeInput(new TestRecord<>(call.getUserId(), call, headers, 0L));
    }
}
