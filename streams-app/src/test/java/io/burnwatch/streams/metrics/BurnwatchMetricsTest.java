package io.burnwatch.streams.metrics;

import java.util.Map;
import io.burnwatch.streams.config.BurnwatchSettings;
import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.ingest.IngestMetrics;
import io.burnwatch.streams.testing.PipelineDriver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("burnwatch's metrics")
class BurnwatchMetricsTest {

    private static final Instant NOW = PipelineDriver.WALL_CLOCK;

    @RegisterExtension
    // A one-minute patience with no confirmation: the loop below opens at its third call.
    final PipelineDriver pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.IDLE_PATIENCE, "1m",
            BurnwatchSettings.IDLE_CONFIRM, "0s"));

    @Test
    @DisplayName("every input record read counts under its topic, whether valid, broken, unreadable or JSON")
    void eventsInByTopic() {
        pipeline.pipe(call("alice", "s-1", NOW.minusSeconds(60)).build());
        pipeline.pipe(call("alice", "s-1", NOW.minusSeconds(50)).setInputTokens(-1).build());
        pipeline.rawUsage.pipeInput("alice", "not avro".getBytes(StandardCharsets.UTF_8));
        pipeline.outcomes.pipeInput("alice", commit("alice", NOW.minusSeconds(40)));
        pipeline.usageJson.pipeInput("x", "{\"event_id\":\"j-1\",\"ts\":\"2026-03-03T09:59:00Z\",\"user_id\":\"bob\","
                + "\"session_id\":\"s-2\",\"initiator\":\"AGENT\",\"model\":\"gpt-4o\",\"input_tokens\":1,"
                + "\"output_tokens\":1,\"cache_read_tokens\":0,\"cache_write_tokens\":0}");
        pipeline.outcomesJson.pipeInput("x", "not json");

        assertThat(eventsIn(pipeline.config.usageTopic())).as("3 piped, 1 forwarded from JSON").isEqualTo(4);
        assertThat(eventsIn(pipeline.config.outcomesTopic())).isEqualTo(1);
        assertThat(eventsIn(pipeline.config.usageJsonTopic())).isEqualTo(1);
        assertThat(eventsIn(pipeline.config.outcomesJsonTopic())).isEqualTo(1);
        assertThat(pipeline.ingest.deadLetters()).containsEntry("NEGATIVE_TOKENS", 1L).containsEntry("UNDECODABLE", 1L)
                .containsEntry("INVALID_JSON", 1L);
    }

    @Test
    @DisplayName("end-to-end lag is the wall clock minus each valid event's ts, in a histogram")
    void endToEndLag() {
        pipeline.pipe(call("alice", "s-1", NOW.minusSeconds(90)).build());
        pipeline.pipe(call("alice", "s-1", NOW.minusSeconds(3)).build());
        pipeline.outcomes.pipeInput("alice", commit("alice", NOW.minusSeconds(2 * 3600)));
        pipeline.pipe(call("alice", "s-1", NOW.minusSeconds(1)).setInputTokens(-1).build());

        Timer lag = pipeline.registry.get(IngestMetrics.LAG).timer();
        assertThat(lag.count()).as("the invalid call is not measured").isEqualTo(3);
        assertThat(lag.totalTime(TimeUnit.SECONDS)).isEqualTo(90 + 3 + 7200);
        assertThat(Arrays.stream(lag.takeSnapshot().histogramCounts())
                .filter(bucket -> bucket.bucket(TimeUnit.SECONDS) == 5 || bucket.bucket(TimeUnit.SECONDS) == 300)
                .map(CountAtBucket::count)).containsExactly(1.0, 2.0);
    }

    @Test
    @DisplayName("a late call counts once per dimension and window size it missed")
    void lateEvents() {
        Instant minute = Instant.parse("2026-03-02T10:00:00Z");
        pipeline.pipe(call("alice", "s-1", minute.plusSeconds(1)).setTeamId("payments").build());
        pipeline.pipe(call("bob", "s-2", minute.plusSeconds(90)).setTeamId("payments").build());
        pipeline.pipe(call("alice", "s-1", minute.plusSeconds(30)).setTeamId("payments").build());

        assertThat(pipeline.late.readRecordsToList()).hasSize(3);
        for (String dimension : new String[]{"USER", "TEAM", "MODEL"}) {
            assertThat(late(dimension, "1m")).as(dimension).isEqualTo(1);
            assertThat(late(dimension, "1h")).as(dimension).isZero();
        }
    }

    @Test
    @DisplayName("an idle-loop alert counts as open from OPEN until RESOLVED")
    void openAlerts() {
        Instant start = NOW.minus(Duration.ofHours(1));
        OpenAlerts open = pipeline.metrics.openAlerts();
        burn(start);
        burn(start.plusSeconds(10));
        burn(start.plusSeconds(80));
        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);
        assertThat(open.get(AlertKind.IDLE_LOOP)).isEqualTo(1);
        assertThat(open.get(AlertKind.BUDGET)).isZero();

        pipeline.outcomes.pipeInput("alice", commit("alice", start.plusSeconds(90)));
        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
        assertThat(open.get(AlertKind.IDLE_LOOP)).isZero();
    }

    @Test
    @DisplayName("the Prometheus scrape names burnwatch's metrics as the rules and dashboard expect")
    void prometheusNames() {
        pipeline.pipe(call("alice", "s-1", NOW.minusSeconds(90)).setModel("in-house-model").setInputTokens(5).build());

        assertThat(pipeline.registry.scrape()).contains(
                "burnwatch_events_in_total{topic=\"burnwatch.usage\"} 1.0",
                "burnwatch_dead_letters_total{reason=\"NEGATIVE_TOKENS\"} 0.0",
                "burnwatch_late_events_total{dimension=\"USER\",window=\"1m\"} 0.0",
                "burnwatch_unpriced_tokens_total{model=\"in-house-model\"} 5.0",
                "burnwatch_open_alerts{kind=\"IDLE_LOOP\"} 0.0",
                "burnwatch_open_alerts{kind=\"BUDGET\"} 0.0",
                "burnwatch_open_alerts{kind=\"SPIKE\"} 0.0",
                "burnwatch_end_to_end_lag_seconds_bucket{le=\"300.0\"} 1",
                "burnwatch_end_to_end_lag_seconds_count 1",
                "burnwatch_end_to_end_lag_seconds_sum 90.0");
    }

    private void burn(Instant ts) {
        UsageEvent call = call("alice", "s-loop", ts).setInputTokens(1_500_000).setPromptHash("same").build();
        pipeline.pipe(call);
    }

    private double eventsIn(String topic) {
        Counter counter = pipeline.registry.find(IngestMetrics.EVENTS_IN).tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    private double late(String dimension, String window) {
        return pipeline.registry.get("burnwatch.late.events").tag("dimension", dimension).tag("window", window).counter().count();
    }
}
