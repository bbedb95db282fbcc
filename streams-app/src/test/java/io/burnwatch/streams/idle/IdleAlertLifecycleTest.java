package io.burnwatch.streams.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.IdleReason;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.Resolution;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One IDLE_LOOP alert per episode: OPEN, UPDATE at most every 15 minutes, RESOLVED by an outcome or by quiet.
 * Every agent call here burns 100,000 tokens for 10 cents, one every 10 s, so the 20th call (at 190 s) crosses
 * the $1.95 burn these tests set, well past their one-minute patience, and the 26th (250 s), a minute later,
 * confirms it.
 */
@DisplayName("IDLE_LOOP alert lifecycle")
class IdleAlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(10);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.IDLE_MIN_COST_USD, "1.95",
            BurnwatchSettings.IDLE_PATIENCE, "1m"));

    @Test
    @DisplayName("a burn opens nothing until it has lasted the confirmation delay, then OPENs once, keyed by its id")
    void opensAfterConfirmation() {
        loop("alice", "s-17", T0, 25);
        assertThat(pipeline.alerts.isEmpty()).as("crossed at 190 s, not yet confirmed at 240 s").isTrue();

        loop("alice", "s-17", T0.plusSeconds(250), 1);

        List<KeyValue<String, Alert>> emitted = pipeline.alerts.readKeyValuesToList();
        assertThat(emitted).hasSize(1);
        Alert open = emitted.get(0).value;
        assertThat(emitted.get(0).key).isEqualTo(open.getAlertId())
                .isEqualTo(IdleAlerts.alertId("alice", "s-17", T0.plusSeconds(190).toEpochMilli()));
        assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.getTs()).isEqualTo(T0.plusSeconds(250));
        assertThat(open.getOpenedAt()).isEqualTo(T0.plusSeconds(250));
        assertThat(open.getUserId()).isEqualTo("alice");
        assertThat(open.getTeamId()).isEqualTo("platform");
        assertThat(open.getRepo()).isEqualTo("acme/api");
        assertThat(open.getClient()).isEqualTo("claude-code");
        assertThat(open.getModels()).containsExactly("claude-sonnet-4");
        assertThat(open.getWindowStart()).isEqualTo(T0);
        assertThat(open.getWindowEnd()).isEqualTo(T0.plusSeconds(250));
        assertThat(open.getCalls()).isEqualTo(26);
        assertThat(open.getInputTokens()).isEqualTo(26 * 20_000);
        assertThat(open.getOutputTokens()).isEqualTo(26 * 5_000);
        assertThat(open.getCacheReadTokens()).isEqualTo(26 * 75_000);
        assertThat(open.getCostUsd()).isEqualTo(2.6, offset(1e-9));
        assertThat(open.getEpisodeStartedAt()).isEqualTo(T0);
        assertThat(open.getEpisodeCalls()).isEqualTo(26);
        assertThat(open.getSinceHumanTurnMs()).isNull();
        assertThat(open.getSinceOutcomeMs()).isNull();
        assertThat(open.getIdle().getSince()).isEqualTo(T0);
        assertThat(open.getIdle().getReason()).isEqualTo(IdleReason.PATIENCE);
        assertThat(open.getMessage()).isEqualTo("$2.60 in 4 min over 26 agent calls in session s-17 (alice, repo acme/api);"
                + " $2.60 since it started 4 min ago with no commit or PR; why now: nothing to show for longer than its"
                + " patience of 33 s (the default for a user with little history of outcomes); 96% of prompts repeat"
                + " 1 fingerprint, a call every 10.0 s (CV 0.00)");
    }

    @Test
    @DisplayName("a burn that stops right after crossing still opens once stream time passes the confirmation delay")
    void opensByStreamTime() {
        loop("alice", "s-17", T0, 20);
        assertThat(pipeline.alerts.isEmpty()).isTrue();

        // Another user's traffic moves stream time on past the confirmation delay.
        loop("bob", "s-light", T0.plusSeconds(200), 1, 1_000, 0.001);
        loop("bob", "s-light", T0.plusSeconds(320), 1, 1_000, 0.001);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(alerts.get(0).getSessionId()).isEqualTo("s-17");
        assertThat(alerts.get(0).getOpenedAt()).as("the stream time at which the sweep found it confirmed")
                .isEqualTo(T0.plusSeconds(320));
    }

    @Test
    @DisplayName("while the burn goes on: UPDATEs at most every 15 minutes, with the episode's cumulative burn, and"
            + " never a second OPEN")
    void updatesAtMostEvery15Minutes() {
        loop("alice", "s-17", T0, 6 * 50);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE, AlertStatus.UPDATE, AlertStatus.UPDATE);
        assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).extracting(Alert::getTs).containsExactly(T0.plusSeconds(250), T0.plusSeconds(250 + 900),
                T0.plusSeconds(250 + 1800), T0.plusSeconds(250 + 2700));
        Alert last = alerts.get(3);
        assertThat(last.getEpisodeCalls()).isEqualTo(26 + 3 * 90);
        assertThat(last.getEpisodeCostUsd()).isEqualTo((26 + 3 * 90) * 0.1, offset(1e-6));
        assertThat(last.getCalls()).as("the window holds the last 30 minutes only: 20 to 49").isEqualTo(176);
        assertThat(last.getMessage()).startsWith("Still burning: $29.60 in 49 min over 296 agent calls in session s-17"
                + " (alice, repo acme/api); $29.60 since it started 49 min ago with no commit or PR; ");
    }

    @Test
    @DisplayName("a commit naming the session resolves the alert (OUTCOME), and the burn that follows is judged from"
            + " the commit on")
    void resolvedByOutcome() {
        loop("alice", "s-17", T0, 30);
        OutcomeEvent commit = commit("alice", "s-17", null, T0.plusSeconds(305));
        pipeline.pipe(commit);
        loop("alice", "s-17", T0.plusSeconds(310), 3);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        Alert resolved = alerts.get(1);
        assertThat(resolved.getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
        assertThat(resolved.getTs()).isEqualTo(commit.getTs());
        assertThat(resolved.getLastOutcomeTs()).isEqualTo(commit.getTs());
        assertThat(resolved.getMessage())
                .isEqualTo("Resolved: alice made a COMMIT after session s-17 burned $3.00 in 5 min over 30 agent calls");
    }

    @Test
    @DisplayName("a session that stops burning for 30 minutes resolves QUIET, at its last agent call plus 30 minutes")
    void resolvedQuiet() {
        loop("alice", "s-17", T0, 30);
        Instant lastCall = T0.plusSeconds(290);
        loop("bob", "s-light", lastCall.plus(Duration.ofMinutes(29)), 1, 1_000, 0.001);
        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);

        loop("bob", "s-light", lastCall.plus(Duration.ofMinutes(31)), 1, 1_000, 0.001);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).hasSize(1);
        Alert resolved = alerts.get(0);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Resolution.QUIET);
        assertThat(resolved.getTs()).isEqualTo(lastCall.plus(Duration.ofMinutes(30)));
        assertThat(resolved.getMessage()).isEqualTo("Resolved: session s-17 (alice, repo acme/api) made no agent call for"
                + " 30 min after burning $3.00 in 34 min over 30 agent calls, with no commit or PR");
    }

    @Test
    @DisplayName("a commit that arrives late, stamped before the alert opened, retracts it")
    void lateCommitRetracts() {
        loop("alice", "s-17", T0, 40);
        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);

        OutcomeEvent late = commit("alice", null, "acme/api", T0.plusSeconds(100));
        pipeline.pipe(late);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alerts.get(0).getResolution()).isEqualTo(Resolution.OUTCOME);
        assertThat(alerts.get(0).getTs()).as("never before the state it follows").isEqualTo(T0.plusSeconds(250));
    }

    @Test
    @DisplayName("an outcome within the confirmation delay starts the evidence again: the alert opens a patience and a"
            + " confirmation after it, not before")
    void outcomeDuringConfirmation() {
        loop("alice", "s-17", T0, 22);
        OutcomeEvent commit = commit("alice", "s-17", "acme/api", T0.plusSeconds(215));
        pipeline.pipe(commit);
        loop("alice", "s-17", T0.plusSeconds(220), 30);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);
        assertThat(alerts.get(0).getOpenedAt()).as("215 s + a 33.75 s patience + a minute").isEqualTo(T0.plusSeconds(310));
        assertThat(alerts.get(0).getIdle().getSince()).isEqualTo(commit.getTs());
        assertThat(alerts.get(0).getMessage()).contains("since its last commit or PR 1 min ago");
    }

    @Test
    @DisplayName("after a resolved episode, a new burn is a new episode with a new id")
    void newEpisodeNewId() {
        loop("alice", "s-17", T0, 30);
        Instant later = T0.plus(Duration.ofHours(1));
        loop("alice", "s-17", later, 30);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED, AlertStatus.OPEN);
        assertThat(alerts.get(1).getResolution()).isEqualTo(Resolution.QUIET);
        assertThat(alerts.get(2).getAlertId()).isNotEqualTo(alerts.get(0).getAlertId())
                .isEqualTo(IdleAlerts.alertId("alice", "s-17", later.plusSeconds(190).toEpochMilli()));
    }

    @Test
    @DisplayName("outcomes that do not count for the session: another repo, another session without a repo")
    void unattributableOutcomes() {
        pipeline.pipe(commit("alice", null, "acme/web", T0.minus(Duration.ofMinutes(20))));
        pipeline.pipe(commit("alice", "s-other", null, T0.minus(Duration.ofMinutes(10))));

        loop("alice", "s-17", T0, 26);

        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);
    }

    @Test
    @DisplayName("outcomes that count start the evidence again: in the session's repo (from any session), or naming"
            + " neither session nor repo")
    void attributableOutcomes() {
        loop("alice", "s-17", T0, 15);
        pipeline.pipe(commit("alice", "s-other", "acme/api", T0.plusSeconds(200)));
        loop("alice", "s-17", T0.plusSeconds(150), 25);
        loop("carol", "s-9", T0, 15);
        pipeline.pipe(commit("carol", null, null, T0.plusSeconds(200)));
        loop("carol", "s-9", T0.plusSeconds(150), 25);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getSessionId).containsExactly("s-17", "s-9");
        assertThat(alerts).extracting(Alert::getOpenedAt).as("200 s + a 33.75 s patience + a minute, not 250 s")
                .containsOnly(T0.plusSeconds(300));
        assertThat(alerts).extracting(alert -> alert.getIdle().getSince()).containsOnly(T0.plusSeconds(200));
    }

    private void loop(String user, String session, Instant from, int calls) {
        loop(user, session, from, calls, 100_000, 0.1);
    }

    private void loop(String user, String session, Instant from, int calls, long tokens, double costUsd) {
        for (int i = 0; i < calls; i++) {
            pipeline.pipe(Events.call(user, session, from.plus(EVERY.multipliedBy(i)))
                    .setTeamId("platform")
                    .setClient("claude-code")
                    .setRepo("acme/api")
                    .setInputTokens(tokens / 5)
                    .setOutputTokens(tokens / 20)
                    .setCacheReadTokens(tokens - tokens / 5 - tokens / 20)
                    .setCostUsd(costUsd)
                    .setPromptHash("same-prompt")
                    .build());
        }
    }

    private static OutcomeEvent commit(String user, String session, String repo, Instant ts) {
        return OutcomeEvent.newBuilder(Events.commit(user, ts)).setSessionId(session).setRepo(repo).build();
    }
}
