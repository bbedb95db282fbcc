package io.burnwatch.streams.ingest;

import io.burnwatch.streams.config.BurnwatchSettings;
import static io.burnwatch.streams.ingest.InvalidInputTest.header;
import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Repeated events")
class DeduplicationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    @DisplayName("a call delivered twice counts once in its rollup, and the repeat is counted as a duplicate")
    void repeatCountsOnceInTheRollup() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            UsageEvent first = call("alice", "s-1", T0.plusSeconds(1)).setInputTokens(3).setCostUsd(0.5).build();
            pipeline.pipe(first);
            pipeline.pipe(first);
            pipeline.pipe(call("alice", "s-1", T0.plusSeconds(2)).setInputTokens(4).build());
            pipeline.pipe(UsageEvent.newBuilder(first).setTs(T0.plusSeconds(3)).build());
            pipeline.pipe(call("alice", "s-1", T0.plusSeconds(95)).build());

            UsageRollup minute = pipeline.rollups.readValue();
            assertThat(minute.getRequests()).isEqualTo(2);
            assertThat(minute.getInputTokens()).isEqualTo(7);
            assertThat(minute.getReportedCostUsd()).isEqualTo(0.5);
            assertThat(pipeline.ingest.duplicates()).containsEntry("usage", 2L);
        }
    }

    @Test
    @DisplayName("repeated calls do not add up to an alert, nor inflate its tokens")
    void repeatsDoNotInflateTheBurn() {
        try (PipelineDriver pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.IDLE_PATIENCE, "1m"))) {
            // Distinct, these calls cross 2M tokens at the 20th (190 s) and open the alert a minute later, at the 26th.
            for (int i = 0; i < 25; i++) {
                UsageEvent call = hundredK(T0.plusSeconds(10L * i));
                pipeline.pipe(call);
                pipeline.pipe(call);
            }
            assertThat(pipeline.alerts.isEmpty()).as("25 distinct calls: crossed, not yet confirmed").isTrue();

            UsageEvent confirming = hundredK(T0.plusSeconds(250));
            pipeline.pipe(confirming);
            pipeline.pipe(confirming);

            Alert alert = pipeline.alerts.readValue();
            assertThat(pipeline.alerts.isEmpty()).isTrue();
            assertThat(alert.getCalls()).isEqualTo(26);
            assertThat(alert.getInputTokens()).isEqualTo(2_600_000);
            assertThat(alert.getOpenedAt()).isEqualTo(confirming.getTs());
            assertThat(pipeline.ingest.duplicates()).containsEntry("usage", 26L);
        }
    }

    @Test
    @DisplayName("a repeated outcome is dropped too, counted under its own stream")
    void repeatedOutcome() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            OutcomeEvent commit = commit("bob", T0);
            pipeline.pipe(commit);
            pipeline.pipe(commit);

            assertThat(pipeline.ingest.duplicates()).containsEntry("outcome", 1L).doesNotContainKey("usage");
        }
    }

    @Test
    @DisplayName("a repeat from beyond the horizon is TOO_OLD: it goes to the dead letter queue instead")
    void repeatBeyondTheHorizonIsTooOld() {
        // Dead letters are captured by TopologyTestDriver only at least once; see InvalidInputTest.
        try (PipelineDriver pipeline = PipelineDriver.start(Map.of("burnwatch.dedup.horizon", "10m",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))) {
            UsageEvent first = call("alice", "s-1", T0).setInputTokens(3).build();
            pipeline.pipe(first);
            pipeline.pipe(call("alice", "s-1", T0.plus(Duration.ofMinutes(9))).build());
            pipeline.pipe(first);
            assertThat(pipeline.dlq.isEmpty()).as("within the horizon: a duplicate, not a dead letter").isTrue();

            pipeline.pipe(call("alice", "s-1", T0.plus(Duration.ofMinutes(11))).build());
            pipeline.pipe(first);

            TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
            assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("TOO_OLD");
            assertThat(pipeline.ingest.duplicates()).containsEntry("usage", 1L);
            assertThat(pipeline.rollups.readValuesToList()).first().extracting(UsageRollup::getInputTokens).isEqualTo(3L);
        }
    }

    @Test
    @DisplayName("a repeat exactly one horizon behind stream time, where the id store has let it go, is TOO_OLD too")
    void repeatAtTheHorizonIsTooOld() {
        try (PipelineDriver pipeline = PipelineDriver.start(Map.of("burnwatch.dedup.horizon", "10m",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))) {
            UsageEvent first = call("alice", "s-1", T0).setInputTokens(3).build();
            pipeline.pipe(first);
            pipeline.pipe(call("alice", "s-1", T0.plus(Duration.ofMinutes(10))).build());
            pipeline.pipe(first);

            TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
            assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("TOO_OLD");
            assertThat(pipeline.rollups.readValuesToList()).first().extracting(UsageRollup::getInputTokens).isEqualTo(3L);
        }
    }

    @Test
    @DisplayName("a repeat within the horizon is dropped across the filter's generations, and an id ages out after it")
    void repeatsAcrossGenerations() {
        // The filter starts a generation each horizon of stream time and keeps the one before.
        try (PipelineDriver pipeline = PipelineDriver.start(Map.of("burnwatch.dedup.horizon", "10m"))) {
            UsageEvent first = call("alice", "s-1", T0).build();
            UsageEvent late = call("alice", "s-1", T0.plus(Duration.ofMinutes(9))).build();
            pipeline.pipe(first);
            pipeline.pipe(late);
            pipeline.pipe(call("alice", "s-1", T0.plus(Duration.ofMinutes(10))).build());
            UsageEvent second = call("alice", "s-1", T0.plus(Duration.ofMinutes(11))).build();
            pipeline.pipe(second);
            pipeline.pipe(late);
            pipeline.pipe(at(late, T0.plus(Duration.ofMinutes(12))));
            assertThat(pipeline.ingest.duplicates()).as("from the previous generation").containsEntry("usage", 2L);

            UsageEvent third = call("alice", "s-1", T0.plus(Duration.ofMinutes(19))).build();
            pipeline.pipe(third);
            pipeline.pipe(call("alice", "s-1", T0.plus(Duration.ofMinutes(20))).build());
            pipeline.pipe(second);
            pipeline.pipe(third);
            assertThat(pipeline.ingest.duplicates()).as("a generation on").containsEntry("usage", 4L);

            UsageEvent firstAgain = at(first, T0.plus(Duration.ofMinutes(20)));
            pipeline.pipe(firstAgain);
            assertThat(pipeline.ingest.duplicates()).as("its id aged out: a new event").containsEntry("usage", 4L);
            pipeline.pipe(firstAgain);
            assertThat(pipeline.ingest.duplicates()).containsEntry("usage", 5L);
        }
    }

    private static UsageEvent at(UsageEvent event, Instant ts) {
        return UsageEvent.newBuilder(event).setTs(ts).build();
    }

    private static UsageEvent hundredK(Instant at) {
        return call("alice", "s-1", at).setInputTokens(100_000).build();
    }
}
