package io.burnwatch.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.SessionTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scoring alerts against the ground truth")
class ScoringTest {

    // Four idle loopers that should alert, detected 60 s, 120 s and 600 s after they became detectable; one missed.
    // Two heavy users that must not alert, one alerted. Three autonomous runners that may alert if resolved: one
    // alert resolved by an outcome, one resolved by quiet, one still open when the run ended. A further alert on a
    // session not in the truth.
    private static final List<SessionTruth> TRUTH = List.of(
            Sessions.shouldAlert("loop-1", "idle_looper", 1_000),
            Sessions.shouldAlert("loop-2", "idle_looper", 1_000),
            Sessions.shouldAlert("loop-3", "idle_looper", 1_000),
            Sessions.shouldAlert("loop-4", "idle_looper", 1_000),
            Sessions.mustNotAlert("heavy-1", "heavy_user"),
            Sessions.mustNotAlert("heavy-2", "heavy_user"),
            Sessions.mayAlertIfResolved("run-1", "autonomous_runner", 5_000),
            Sessions.mayAlertIfResolved("run-2", "autonomous_runner", 5_000),
            Sessions.mayAlertIfResolved("run-3", "autonomous_runner", 5_000));

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
            Sessions.open("run-3", 9_000),
            Sessions.update("run-3", 9_000, 900_000),
            Sessions.open("elsewhere", 9_000),
            Sessions.update("elsewhere", 9_000, 900_000));

    private final Score score = Scoring.score(TRUTH, ALERTS);

    @Test
    @DisplayName("recall counts alerted SHOULD_ALERT sessions; delays are first opened_at minus detectable_from")
    void shouldAlertSessions() {
        PersonaScore loopers = row(score, "idle_looper");

        assertThat(loopers.sessions()).isEqualTo(4);
        assertThat(loopers.alertedSessions()).isEqualTo(3);
        assertThat(loopers.pendingSessions()).isZero();
        assertThat(loopers.precision()).hasValue(1.0);
        assertThat(loopers.recall()).hasValue(0.75);
        assertThat(loopers.delayP50()).isEqualTo(Duration.ofSeconds(120));
        assertThat(loopers.delayP95()).isEqualTo(Duration.ofSeconds(600));
        assertThat(loopers.delayMax()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    @DisplayName("start delays run from started_at to the first opened_at, over the alerted SHOULD_ALERT sessions")
    void startDelays() {
        PersonaScore loopers = row(score, "idle_looper");

        assertThat(loopers.startDelayP50()).isEqualTo(Duration.ofSeconds(121));
        assertThat(loopers.startDelayP95()).isEqualTo(Duration.ofSeconds(601));
        assertThat(loopers.startDelayMax()).isEqualTo(Duration.ofSeconds(601));
        assertThat(row(score, "heavy_user").startDelayP50()).isNull();
    }

    @Test
    @DisplayName("every session with an alert gets its verdict: OUTCOME, QUIET or PENDING")
    void verdictsPerSession() {
        assertThat(score.sessions()).extracting(SessionVerdict::sessionId, SessionVerdict::resolution)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("heavy-1", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("loop-1", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("loop-2", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("loop-3", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("run-1", "OUTCOME"),
                        org.assertj.core.groups.Tuple.tuple("run-2", "QUIET"),
                        org.assertj.core.groups.Tuple.tuple("run-3", "PENDING"));
        assertThat(score.sessions()).filteredOn(v -> v.sessionId().equals("run-1")).singleElement()
                .satisfies(v -> assertThat(v.persona()).isEqualTo("autonomous_runner"));
    }

    @Test
    @DisplayName("a loop that went quiet and resumed is QUIET, with its episodes in the order they were opened")
    void episodesInOrder() {
        Score resumed = Scoring.score(List.of(Sessions.shouldAlert("loop-1", "idle_looper", 1_000)),
                List.of(Alert.newBuilder(Sessions.open("loop-1", 300_000)).setAlertId("second").build(),
                        Alert.newBuilder(Sessions.resolved("loop-1", 61_000, 200_000, "QUIET")).setAlertId("first")
                                .build()));

        assertThat(resumed.sessions()).singleElement().satisfies(verdict -> {
            assertThat(verdict.resolution()).isEqualTo("QUIET");
            assertThat(verdict.episodes()).containsExactly("QUIET", "PENDING");
        });
    }

    @Test
    @DisplayName("an alert on a MUST_NOT_ALERT session is a false positive; recall is n/a without SHOULD_ALERT sessions")
    void mustNotAlertSessions() {
        PersonaScore heavy = row(score, "heavy_user");

        assertThat(heavy.alertedSessions()).isEqualTo(1);
        assertThat(heavy.precision()).hasValue(0.0);
        assertThat(heavy.recall()).isEmpty();
        assertThat(heavy.delayP50()).isNull();
    }

    @Test
    @DisplayName("a MAY_ALERT_IF_RESOLVED alert is correct if an outcome resolved it, not if quiet did")
    void mayAlertIfResolvedSessions() {
        PersonaScore runners = row(score, "autonomous_runner");

        assertThat(runners.alertedSessions()).isEqualTo(2);
        assertThat(runners.correctAlerts()).isEqualTo(1);
        assertThat(runners.resolvedByOutcome()).isEqualTo(1);
        assertThat(runners.resolvedQuiet()).isEqualTo(1);
        assertThat(runners.precision()).hasValue(0.5);
    }

    @Test
    @DisplayName("a MAY_ALERT_IF_RESOLVED session whose alerts are all unresolved is pending, not alerted")
    void unresolvedMayAlertIfResolvedIsPending() {
        Score pendingOnly = Scoring.score(
                List.of(Sessions.mayAlertIfResolved("run-3", "autonomous_runner", 5_000)),
                List.of(Sessions.open("run-3", 9_000), Sessions.update("run-3", 9_000, 900_000),
                        Sessions.open("run-3", 1_000_000)));

        PersonaScore runners = row(pendingOnly, "autonomous_runner");
        assertThat(runners.pendingSessions()).isEqualTo(1);
        assertThat(runners.alertedSessions()).isZero();
        assertThat(runners.precision()).isEmpty();
        assertThat(row(score, "autonomous_runner").pendingSessions()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unresolved alert on a session that should or must not alert is never pending")
    void onlyMayAlertIfResolvedCanBePending() {
        Score unresolved = Scoring.score(
                List.of(Sessions.shouldAlert("loop-1", "idle_looper", 1_000), Sessions.mustNotAlert("heavy-1", "heavy_user")),
                List.of(Sessions.update("loop-1", 61_000, 90_000), Sessions.update("heavy-1", 9_000, 90_000)));

        assertThat(row(unresolved, "idle_looper").alertedSessions()).isEqualTo(1);
        assertThat(row(unresolved, "heavy_user").alertedSessions()).isEqualTo(1);
        assertThat(row(unresolved, Scoring.ALL).pendingSessions()).isZero();
        assertThat(row(unresolved, Scoring.ALL).precision()).hasValue(0.5);
    }

    @Test
    @DisplayName("each alert is judged by its latest state, whatever order its states were read in")
    void latestStateWins() {
        List<Alert> resolvedFirst = List.of(
                Sessions.resolved("run-1", 9_000, 20_000, "OUTCOME"),
                Sessions.update("run-1", 9_000, 15_000),
                Sessions.open("run-1", 9_000));
        List<Alert> shuffled = new ArrayList<>(resolvedFirst);
        Collections.reverse(shuffled);

        for (List<Alert> order : List.of(resolvedFirst, shuffled)) {
            PersonaScore runners = row(Scoring.score(
                    List.of(Sessions.mayAlertIfResolved("run-1", "autonomous_runner", 5_000)), order), "autonomous_runner");
            assertThat(runners.pendingSessions()).isZero();
            assertThat(runners.alertedSessions()).isEqualTo(1);
            assertThat(runners.resolvedByOutcome()).isEqualTo(1);
            assertThat(runners.precision()).hasValue(1.0);
        }
    }

    @Test
    @DisplayName("a session is resolved by outcome when an alert was resolved by OUTCOME and none by QUIET")
    void resolvedByOutcomeNeedsNoQuiet() {
        SessionTruth run = Sessions.mayAlertIfResolved("run-1", "autonomous_runner", 5_000);
        Alert byOutcome = Sessions.resolved("run-1", 9_000, 20_000, "OUTCOME");

        PersonaScore outcomeAndOpen = row(Scoring.score(List.of(run),
                List.of(byOutcome, Sessions.open("run-1", 30_000))), "autonomous_runner");
        PersonaScore outcomeAndQuiet = row(Scoring.score(List.of(run),
                List.of(byOutcome, Sessions.resolved("run-1", 30_000, 40_000, "QUIET"))), "autonomous_runner");

        assertThat(outcomeAndOpen.resolvedByOutcome()).isEqualTo(1);
        assertThat(outcomeAndOpen.precision()).hasValue(1.0);
        assertThat(outcomeAndQuiet.resolvedByOutcome()).isZero();
        assertThat(outcomeAndQuiet.precision()).hasValue(0.0);
    }

    @Test
    @DisplayName("a false alarm retracted by a commit counts as resolved by outcome, and stays incorrect")
    void retractedFalseAlarm() {
        PersonaScore heavy = row(Scoring.score(List.of(Sessions.mustNotAlert("heavy-1", "heavy_user")),
                List.of(Sessions.resolved("heavy-1", 9_000, 20_000, "OUTCOME"))), "heavy_user");

        assertThat(heavy.alertedSessions()).isEqualTo(1);
        assertThat(heavy.resolvedByOutcome()).isEqualTo(1);
        assertThat(heavy.precision()).hasValue(0.0);
    }

    @Test
    @DisplayName("session alerts of every kind are scored, and alerts of any other kind are ignored")
    void onlySessionKindsCount() {
        assertThat(Scoring.SESSION_KINDS).containsExactlyInAnyOrder(AlertKind.IDLE_LOOP, AlertKind.TOKEN_BURN_NO_OUTCOME);
        for (AlertKind kind : AlertKind.values()) {
            Score one = Scoring.score(List.of(Sessions.mustNotAlert("heavy-1", "heavy_user")),
                    List.of(Sessions.open("heavy-1", 9_000, kind), Sessions.open("elsewhere", 9_000, kind)));

            int expected = Scoring.SESSION_KINDS.contains(kind) ? 1 : 0;
            assertThat(row(one, "heavy_user").alertedSessions()).as("alerted, kind %s", kind).isEqualTo(expected);
            assertThat(one.unmatchedAlerts()).as("unmatched, kind %s", kind).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the last row sums all personas, and alerts on unknown sessions are counted apart, once per alert")
    void totals() {
        PersonaScore all = row(score, Scoring.ALL);

        assertThat(score.rows().get(score.rows().size() - 1)).isSameAs(all);
        assertThat(all.sessions()).isEqualTo(9);
        assertThat(all.alertedSessions()).isEqualTo(6);
        assertThat(all.pendingSessions()).isEqualTo(1);
        assertThat(all.resolvedByOutcome()).isEqualTo(1);
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
                .containsExactly("idle_looper", "4", "3", "0", "0", "0", "1.000", "0.750", "|", "120s", "600s", "600s",
                        "|", "121s", "601s", "601s"));
        assertThat(score.table().lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly("autonomous_runner", "3", "2", "1", "1", "1", "0.500", "n/a", "|", "n/a", "n/a", "n/a",
                        "|", "n/a", "n/a", "n/a"));
        assertThat(score.table()).contains("alerts on sessions not in the ground truth: 1");

        JsonNode json = new ObjectMapper().readTree(score.json());
        JsonNode runners = json.get("personas").get(0);
        assertThat(runners.get("persona").asText()).isEqualTo("autonomous_runner");
        assertThat(runners.get("pending").asInt()).isEqualTo(1);
        assertThat(runners.get("resolved_by_outcome").asInt()).isEqualTo(1);
        assertThat(runners.get("resolved_quiet").asInt()).isEqualTo(1);
        JsonNode heavy = json.get("personas").get(1);
        assertThat(heavy.get("persona").asText()).isEqualTo("heavy_user");
        assertThat(heavy.get("precision").asDouble()).isZero();
        assertThat(heavy.get("recall").isNull()).isTrue();
        assertThat(json.get("personas").get(2).get("delay_p95_ms").asLong()).isEqualTo(600_000);
        assertThat(json.get("personas").get(2).get("delay_max_ms").asLong()).isEqualTo(600_000);
        assertThat(json.get("personas").get(2).get("start_delay_p50_ms").asLong()).isEqualTo(121_000);
        assertThat(json.get("unmatched_alerts").asInt()).isEqualTo(1);
        assertThat(json.get("sessions")).hasSize(7);
        assertThat(json.get("sessions").get(5).get("session_id").asText()).isEqualTo("run-2");
        assertThat(json.get("sessions").get(5).get("resolution").asText()).isEqualTo("QUIET");
        assertThat(json.get("sessions").get(5).get("episodes")).hasSize(1);
        assertThat(json.get("sessions").get(5).get("episodes").get(0).asText()).isEqualTo("QUIET");
    }

    private static PersonaScore row(Score score, String persona) {
        return score.rows().stream().filter(row -> row.persona().equals(persona)).findFirst().orElseThrow();
    }
}
