package io.burnwatch.streams.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.FingerprintKind;
import io.burnwatch.schema.IdleReason;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.Severity;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default rule (an agent burn of $5 or 2M tokens within 30 minutes, no attributable outcome within 2 hours,
 * confirmed a minute later) against one scripted persona per test.
 */
@DisplayName("Idle-loop detection, persona by persona")
class IdleLoopPersonasTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    @DisplayName("an idle looper (a call a second, three prompts, flat cached context, tiny outputs) is flagged with"
            + " every loop fingerprint and high confidence")
    void idleLooper() {
        AgentScript looper = new AgentScript(pipeline, "frank", "s-loop", T0);
        List<String> prompts = List.of("p-a", "p-b", "p-c");
        for (int i = 0; i < 45 * 60; i++) {
            looper.agent(millis(800, 1_200), between(3_000, 6_000), between(100, 400), between(45_000, 52_000), 0.032,
                    prompts.get(random.nextInt(3)));
        }

        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus).first().isEqualTo(AlertStatus.OPEN);
        assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).extracting(Alert::getStatus).containsOnly(AlertStatus.OPEN, AlertStatus.UPDATE);
        Alert open = alerts.get(0);
        assertThat(open.getKind()).isEqualTo(AlertKind.IDLE_LOOP);
        assertThat(open.getIdle().getReason()).isEqualTo(IdleReason.FINGERPRINTS);
        assertThat(open.getOpenedAt()).as("$5 within about 3 minutes, then a 10-minute burn with its fingerprints")
                .isBetween(T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(15)));
        assertThat(present(open)).contains(FingerprintKind.REPEATED_PROMPTS, FingerprintKind.REGULAR_CADENCE,
                FingerprintKind.FLAT_CACHED_CONTEXT, FingerprintKind.TINY_OUTPUTS);
        assertThat(open.getConfidence()).isGreaterThanOrEqualTo(0.85);
        assertThat(open.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(open.getMessage()).contains("% of prompts repeat 3 fingerprints", "a call every 1.0 s");

        Alert last = alerts.get(alerts.size() - 1);
        assertThat(last.getStatus()).isEqualTo(AlertStatus.UPDATE);
        assertThat(present(last)).as("after half an hour without a human turn").contains(FingerprintKind.NO_HUMAN_TURN);
    }

    @Test
    @DisplayName("a jittered looper (random 1-20 s gaps, a new prompt every call) does not escape: flagged with lower"
            + " confidence, and without the fingerprints it hides")
    void jitteredLooper() {
        AgentScript looper = new AgentScript(pipeline, "judy", "s-jitter", T0);
        for (int i = 0; i < 600; i++) {
            looper.agent(millis(1_000, 20_000), between(1_000, 3_000), between(50, 600), between(35_000, 45_000), 0.03,
                    UUID.randomUUID().toString());
        }

        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getStatus).startsWith(AlertStatus.OPEN).doesNotContain(AlertStatus.RESOLVED);
        Alert open = alerts.get(0);
        assertThat(open.getIdle().getReason()).isEqualTo(IdleReason.PATIENCE);
        assertThat(open.getOpenedAt()).as("caught on patience alone, within 90 minutes of starting")
                .isBefore(T0.plus(Duration.ofMinutes(90)));
        assertThat(present(open)).doesNotContain(FingerprintKind.REPEATED_PROMPTS, FingerprintKind.REGULAR_CADENCE);
        assertThat(open.getConfidence()).isBetween(0.5, 0.8);
        assertThat(open.getMessage()).doesNotContain("prompts repeat").doesNotContain("a call every");
    }

    @Test
    @DisplayName("a productive heavy user ($50 an hour, a commit every 30 minutes) gets no alert")
    void productiveHeavyUser() {
        pipeline.pipe(OutcomeEvent.newBuilder(Events.commit("hana", T0.minus(Duration.ofMinutes(10))))
                .setRepo("acme/api").build());
        AgentScript heavy = new AgentScript(pipeline, "hana", "s-work", T0);
        Instant nextCommit = T0.plus(Duration.ofMinutes(30));
        while (heavy.now().isBefore(T0.plus(Duration.ofHours(4)))) {
            if (heavy.calls() % 30 == 0) {
                heavy.human(seconds(5, 30), between(500, 2_000), between(100, 500), 0.01);
            }
            // About $50 an hour: a call every 20 s on average at 28 cents.
            heavy.agent(seconds(10, 30), between(10_000, 30_000), between(500, 3_000), between(20_000, 80_000), 0.28,
                    UUID.randomUUID().toString());
            if (!heavy.now().isBefore(nextCommit)) {
                heavy.outcome(Duration.ZERO, OutcomeKind.COMMIT);
                nextCommit = nextCommit.plus(Duration.ofMinutes(30));
            }
        }

        assertThat(alerts()).isEmpty();
    }

    @Test
    @DisplayName("a long autonomous run is flagged, updated every 15 minutes at most, and resolved by its pull request")
    void longRunnerEndsInAPullRequest() {
        AgentScript runner = new AgentScript(pipeline, "rita", "s-run", T0);
        runner.human(Duration.ZERO, 2_000, 300, 0.02);
        while (runner.now().isBefore(T0.plus(Duration.ofHours(4)))) {
            runner.agent(seconds(8, 22), between(5_000, 15_000), between(500, 2_000), between(30_000, 90_000), 0.10,
                    UUID.randomUUID().toString());
        }
        OutcomeEvent pr = runner.outcome(Duration.ofSeconds(30), OutcomeKind.PR_OPENED);

        List<Alert> alerts = alerts();
        assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
        Alert resolved = alerts.get(alerts.size() - 1);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
        assertThat(resolved.getTs()).isEqualTo(pr.getTs());
        assertThat(resolved.getMessage()).startsWith("Resolved: rita made a PR_OPENED in acme/api after session s-run burned $");

        List<Alert> updates = alerts.subList(1, alerts.size() - 1);
        assertThat(updates).isNotEmpty().extracting(Alert::getStatus).containsOnly(AlertStatus.UPDATE);
        List<Instant> stateTimes = alerts.subList(0, alerts.size() - 1).stream().map(Alert::getTs).toList();
        for (int i = 1; i < stateTimes.size(); i++) {
            assertThat(Duration.between(stateTimes.get(i - 1), stateTimes.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
        }
        assertThat(updates.get(updates.size() - 1).getEpisodeCostUsd()).as("the episode's cost grows with every update")
                .isGreaterThan(updates.get(0).getEpisodeCostUsd());
    }

    @Test
    @DisplayName("a light user (a few human chat turns an hour, no commit all day) gets no alert")
    void lightUser() {
        AgentScript light = new AgentScript(pipeline, "lena", "s-chat", T0);
        for (int i = 0; i < 40; i++) {
            light.human(seconds(300, 1_800), between(200, 4_000), between(100, 1_500), 0.01);
        }

        assertThat(alerts()).isEmpty();
    }

    @Test
    @DisplayName("a person pasting whole codebases by hand is not an agent loop: human turns never count as a burn")
    void humanTurnsAreNotABurn() {
        AgentScript stuffer = new AgentScript(pipeline, "sam", "s-paste", T0);
        for (int i = 0; i < 40; i++) {
            stuffer.human(seconds(45, 90), between(150_000, 200_000), between(20, 300), 0.6);
        }

        assertThat(alerts()).isEmpty();
    }

    @Test
    @DisplayName("a swarm of small subagents is seen as the one runaway it is: the alert is on the parent session")
    void subagentSwarm() {
        AgentScript orchestrator = new AgentScript(pipeline, "omar", "s-swarm", T0);
        orchestrator.human(Duration.ZERO, 1_000, 200, 0.01);
        List<AgentScript> swarm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            swarm.add(new AgentScript(pipeline, "omar", "s-swarm-" + i, T0).subagentOf("s-swarm"));
        }
        // 20 subagents of 100 calls each, 15k tokens and 5 cents a call, one every 50 s: $1 each per 10 minutes,
        // far below the threshold; together $12 every 10 minutes, with nothing to show for it after 83 minutes.
        for (int round = 0; round < 100; round++) {
            for (AgentScript subagent : swarm) {
                subagent.agent(Duration.ofSeconds(50), 5_000, 1_000, 9_000, 0.05, UUID.randomUUID().toString());
            }
        }

        List<Alert> alerts = alerts();
        assertThat(alerts).isNotEmpty().extracting(Alert::getSessionId).containsOnly("s-swarm");
        Alert open = alerts.get(0);
        assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.getSubagentSessions()).isEqualTo(20);
        assertThat(open.getMessage()).contains("session s-swarm with 20 subagents (omar, repo acme/api)");
    }

    private List<Alert> alerts() {
        return pipeline.alerts.readValuesToList();
    }

    private static List<FingerprintKind> present(Alert alert) {
        return alert.getFingerprints().stream().filter(Fingerprint::getPresent).map(Fingerprint::getKind)
                .collect(Collectors.toList());
    }

    private long between(long min, long max) {
        return random.nextLong(min, max + 1);
    }

    private Duration millis(long min, long max) {
        return Duration.ofMillis(between(min, max));
    }

    private Duration seconds(long min, long max) {
        return Duration.ofSeconds(between(min, max));
    }
}
