package io.burnwatch.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.SessionTruth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scoring alerts against the ground truth")
class ScoringTest {

    // Four idle loopers that should alert, detected 60 s, 120 s and 600 s after they became detectable; one missed.
    // Two heavy users that must not alert, one alerted. Two autonomous runners that may alert if resolved: one alert
    // resolved by an outcome, one resolved by quiet. A further alert on a session not in the truth.
    private static final List<SessionTruth> TRUTH = List.of(
            Sessions.shouldAlert("loop-1", "idle_looper", 1_000),
            Sessions.shouldAlert("loop-2", "idle_looper", 1_000),
            Sessions.shouldAlert("loop-3", "idle_looper", 1_000),
            Sessions.shouldAlert("loop-4", "idle_looper", 1_000),
            Sessions.mustNotAlert("heavy-1", "heavy_user"),
            Sessions.mustNotAlert("heavy-2", "heavy_user"),
            Sessions.mayAlertIfResolved("run-1", "autonomous_runner", 5_000),
            Sessions.mayAlertIfResolved("run-2", "autonomous_runner", 5_000));

    private static final List<Alert> ALERTS = List.of(
            Sessions.open("loop-1", 61_000),
            Sessions.update("loop-1", 61_000, 70_000),
            Sessions.open("loop-2", 121_000),
            Sessions.open("loop-3", 601_000),
            Sessions.open("heavy-1", 9_000),
            Sessions.open("run-1", 9_000),
            Sessions.resolved("run-1", 9_000, 20_000, "OUTCOME"),
            Sessions.open("run-2", 9_000),
            Sessions.resolved("run-2", 9_000, 20_000, "QUIET"),
            Sessions.open("elsewhere", 9_000));

    private final Score score = Scoring.score(TRUTH, ALERTS);

    @Test
    @DisplayName("recall counts alerted SHOULD_ALERT sessions; delays are first opened_at minus detectable_from")
    void shouldAlertSessions() {
        PersonaScore loopers = row("idle_looper");

        assertThat(loopers.sessions()).isEqualTo(4);
        assertThat(loopers.alertedSessions()).isEqualTo(3);
        assertThat(loopers.precision()).hasValue(1.0);
        assertThat(loopers.recall()).hasValue(0.75);
        assertThat(loopers.delayP50()).isEqualTo(Duration.ofSeconds(120));
        assertThat(loopers.delayP95()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    @DisplayName("an alert on a MUST_NOT_ALERT session is a false positive; recall is n/a without SHOULD_ALERT sessions")
    void mustNotAlertSessions() {
        PersonaScore heavy = row("heavy_user");

        assertThat(heavy.alertedSessions()).isEqualTo(1);
        assertThat(heavy.precision()).hasValue(0.0);
        assertThat(heavy.recall()).isEmpty();
        assertThat(heavy.delayP50()).isNull();
    }

    @Test
    @DisplayName("a MAY_ALERT_IF_RESOLVED alert is correct only if an outcome resolved it")
    void mayAlertIfResolvedSessions() {
        PersonaScore runners = row("autonomous_runner");

        assertThat(runners.alertedSessions()).isEqualTo(2);
        assertThat(runners.correctAlerts()).isEqualTo(1);
        assertThat(runners.precision()).hasValue(0.5);
    }

    @Test
    @DisplayName("the last row sums all personas, and alerts on unknown sessions are counted apart")
    void totals() {
        PersonaScore all = score.rows().get(score.rows().size() - 1);

        assertThat(all.persona()).isEqualTo(Scoring.ALL);
        assertThat(all.sessions()).isEqualTo(8);
        assertThat(all.alertedSessions()).isEqualTo(6);
        assertThat(all.precision()).hasValue(4.0 / 6);
        assertThat(all.recall()).hasValue(0.75);
        assertThat(score.unmatchedAlerts()).isEqualTo(1);
    }

    @Test
    @DisplayName("a session counts as alerted by opened_at even when compaction left only its RESOLVED state")
    void compactedAlerts() {
        Score compacted = Scoring.score(List.of(Sessions.shouldAlert("loop-1", "idle_looper", 1_000)),
                List.of(Sessions.resolved("loop-1", 31_000, 90_000, "QUIET")));

        assertThat(compacted.rows().get(0).alertedSessions()).isEqualTo(1);
        assertThat(compacted.rows().get(0).delayP50()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("the table has a line per persona and the JSON the same figures")
    void tableAndJson() throws Exception {
        assertThat(score.table().lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly("idle_looper", "4", "3", "1.000", "0.750", "120s", "600s"));
        assertThat(score.table()).contains("alerts on sessions not in the ground truth: 1");

        JsonNode json = new ObjectMapper().readTree(score.json());
        JsonNode heavy = json.get("personas").get(1);
        assertThat(heavy.get("persona").asText()).isEqualTo("heavy_user");
        assertThat(heavy.get("precision").asDouble()).isZero();
        assertThat(heavy.get("recall").isNull()).isTrue();
        assertThat(json.get("personas").get(2).get("delay_p95_ms").asLong()).isEqualTo(600_000);
        assertThat(json.get("unmatched_alerts").asInt()).isEqualTo(1);
    }

    private PersonaScore row(String persona) {
        return score.rows().stream().filter(row -> row.persona().equals(persona)).findFirst().orElseThrow();
    }
}
