package io.burnwatch.streams.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three ways idle-loop alerts went wrong on real traffic, each with the default rule: a fresh productive
 * session accused before it could have produced anything, a person's huge contexts taken for a loop, and outcomes
 * that reached the detector after the usage of the same event time.
 */
@DisplayName("Idle-loop detection on real traffic")
class IdleOnRealTrafficTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Nested
    @DisplayName("decided on arrival")
    class OnArrival {

        @RegisterExtension
        final PipelineDriver pipeline = PipelineDriver.start();

        private final SplittableRandom random = new SplittableRandom(11);

        @Test
        @DisplayName("a productive session that starts cold, $40 an hour with no outcome in the hours before, is not"
                + " accused before its first commit 45 minutes in, nor after: commits follow every 15-50 minutes")
        void coldProductiveSession() {
            for (String session : List.of("s-attended", "s-autonomous")) {
                AgentScript work = new AgentScript(pipeline, "pia-" + session, session, T0);
                boolean attended = session.equals("s-attended");
                Instant nextCommit = T0.plus(Duration.ofMinutes(45));
                int commits = 0;
                while (work.now().isBefore(T0.plus(Duration.ofHours(4)))) {
                    if (attended && work.calls() % 40 == 0) {
                        work.human(seconds(5, 60), between(500, 3_000), between(200, 800), 0.02);
                    }
                    // $40 an hour: a step every 20 s on average at 22 cents, growing context, varied prompts.
                    work.agent(seconds(5, 35), between(2_000, 8_000), between(300, 2_500), between(20_000, 90_000),
                            0.22, UUID.randomUUID().toString());
                    if (!work.now().isBefore(nextCommit)) {
                        // By session, by repo only, by user alone, in turn.
                        OutcomeEvent commit = OutcomeEvent.newBuilder(Events.commit(work.user(), work.now()))
                                .setSessionId(commits % 3 == 0 ? session : null)
                                .setRepo(commits % 3 == 2 ? null : "acme/api")
                                .build();
                        pipeline.pipe(commit);
                        commits++;
                        nextCommit = work.now().plus(seconds(15 * 60, 50 * 60));
                    }
                }
            }

            assertThat(pipeline.alerts.readValuesToList()).isEmpty();
        }

        @Test
        @DisplayName("a person pasting 150k-600k-token contexts, half the turns their own, committing every 40-90"
                + " minutes, is not taken for a loop, though their calls hold 2M tokens within 30 minutes")
        void contextStuffer() {
            AgentScript person = new AgentScript(pipeline, "stu", "s-paste", T0);
            Instant nextCommit = T0.plus(Duration.ofMinutes(40));
            long tokensFirst30Min = 0;
            while (person.now().isBefore(T0.plus(Duration.ofHours(6)))) {
                long context = between(150_000, 600_000);
                long output = between(50, 300);
                // Claude Sonnet: $3 per million input tokens, $15 per million output tokens.
                double cost = context * 3e-6 + output * 15e-6;
                UsageEvent call = random.nextBoolean()
                        ? person.human(seconds(45, 180), context, output, cost)
                        : person.agent(seconds(45, 180), context, output, 0, cost, UUID.randomUUID().toString());
                if (call.getTs().isBefore(T0.plus(Duration.ofMinutes(30)))) {
                    tokensFirst30Min += context + output;
                }
                if (!person.now().isBefore(nextCommit)) {
                    person.outcome(Duration.ZERO, OutcomeKind.COMMIT);
                    nextCommit = person.now().plus(seconds(40 * 60, 90 * 60));
                }
            }

            assertThat(tokensFirst30Min).isGreaterThan(2_000_000);
            assertThat(pipeline.alerts.readValuesToList()).isEmpty();
        }

        private long between(long min, long max) {
            return random.nextLong(min, max + 1);
        }

        private Duration seconds(long min, long max) {
            return Duration.ofSeconds(between(min, max));
        }
    }

    @Nested
    @DisplayName("with outcomes arriving up to the outcome delay after usage")
    class OutOfOrder {

        @RegisterExtension
        final PipelineDriver pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.IDLE_OUTCOME_DELAY, "5m"));

        @Test
        @DisplayName("a long runner whose pull request lands 2 minutes after its last call, but reaches the detector"
                + " after 40 more minutes of other usage, is resolved OUTCOME, not QUIET")
        void runnerResolvedByItsLatePullRequest() {
            AgentScript runner = new AgentScript(pipeline, "rui", "s-run", T0);
            runner.human(Duration.ZERO, 2_000, 500, 0.02);
            while (runner.now().isBefore(T0.plus(Duration.ofHours(2)))) {
                runner.agent(Duration.ofSeconds(15), 6_000, 800, 60_000, 0.08, UUID.randomUUID().toString());
            }
            OutcomeEvent pr = OutcomeEvent.newBuilder(Events.commit("rui", runner.now().plus(Duration.ofMinutes(2))))
                    .setKind(OutcomeKind.PR_OPENED).setSessionId("s-run").setRepo("acme/api").build();
            AgentScript other = new AgentScript(pipeline, "ola", "s-other", runner.now());
            while (other.now().isBefore(runner.now().plus(Duration.ofMinutes(40)))) {
                other.agent(Duration.ofSeconds(30), 1_000, 100, 0, 0.001, UUID.randomUUID().toString());
            }
            pipeline.passWallClock(Duration.ofMinutes(4));
            pipeline.pipe(pr);
            pipeline.passWallClock(Duration.ofMinutes(6));

            List<Alert> alerts = pipeline.alerts.readValuesToList();
            assertThat(alerts).extracting(Alert::getStatus).startsWith(AlertStatus.OPEN).endsWith(AlertStatus.RESOLVED);
            Alert resolved = alerts.get(alerts.size() - 1);
            assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
            assertThat(resolved.getTs()).isEqualTo(pr.getTs());
        }

        @Test
        @DisplayName("a commit stamped before the session would be accused, reaching the detector after all of the"
                + " session's usage, prevents the alert: none opens and none has to be retracted")
        void lateCommitPreventsTheAlert() {
            SplittableRandom random = new SplittableRandom(5);
            AgentScript work = new AgentScript(pipeline, "kai", "s-work", T0);
            List<OutcomeEvent> commits = new ArrayList<>();
            Instant nextCommit = T0.plus(Duration.ofMinutes(40));
            while (work.now().isBefore(T0.plus(Duration.ofHours(3)))) {
                work.agent(Duration.ofSeconds(random.nextLong(5, 36)), 4_000, random.nextLong(300, 2_500),
                        random.nextLong(20_000, 90_000), 0.25, UUID.randomUUID().toString());
                if (!work.now().isBefore(nextCommit)) {
                    commits.add(OutcomeEvent.newBuilder(Events.commit("kai", work.now())).setSessionId("s-work")
                            .setRepo("acme/api").build());
                    nextCommit = work.now().plus(Duration.ofMinutes(45));
                }
            }
            pipeline.passWallClock(Duration.ofMinutes(2));
            commits.forEach(pipeline::pipe);
            pipeline.passWallClock(Duration.ofMinutes(6));

            assertThat(commits).hasSizeGreaterThanOrEqualTo(3);
            assertThat(pipeline.alerts.readValuesToList()).isEmpty();
        }

        @Test
        @DisplayName("an outcome read hours ahead of the usage of its time (a faster pipeline) waits for that usage:"
                + " it does not move the task's time on and make a looping session look quiet")
        void outcomeAheadOfUsageWaits() {
            AgentScript looper = new AgentScript(pipeline, "lou", "s-loop", T0);
            for (int i = 0; i < 20 * 60; i++) {
                looper.agent(Duration.ofSeconds(1), 5_000, 200, 48_000, 0.033, "same-prompt-" + (i % 3));
            }
            pipeline.pipe(OutcomeEvent.newBuilder(Events.commit("ann", T0.plus(Duration.ofHours(2)))).build());
            // The usage keeps coming, a minute of wall clock apart, for longer than the outcome delay.
            for (int minute = 0; minute < 8; minute++) {
                pipeline.passWallClock(Duration.ofMinutes(1));
                for (int i = 0; i < 5 * 60; i++) {
                    looper.agent(Duration.ofSeconds(1), 5_000, 200, 48_000, 0.033, "same-prompt-" + (i % 3));
                }
            }
            pipeline.passWallClock(Duration.ofMinutes(6));

            List<Alert> alerts = pipeline.alerts.readValuesToList();
            assertThat(alerts).extracting(Alert::getStatus).startsWith(AlertStatus.OPEN);
            assertThat(alerts).as("one episode: never resolved QUIET mid-loop and opened again")
                    .extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
            assertThat(alerts).filteredOn(alert -> alert.getStatus() == AlertStatus.RESOLVED)
                    .extracting(Alert::getTs).allSatisfy(ts -> assertThat(ts).isAfter(looper.now()));
        }

        @Test
        @DisplayName("held events are released only once the outcome delay has passed on the wall clock")
        void heldForTheDelay() {
            AgentScript looper = new AgentScript(pipeline, "lou", "s-loop", T0);
            for (int i = 0; i < 3_000; i++) {
                looper.agent(Duration.ofSeconds(1), 5_000, 200, 48_000, 0.033, "same-prompt-" + (i % 3));
            }
            pipeline.passWallClock(Duration.ofMinutes(4));
            assertThat(pipeline.alerts.isEmpty()).isTrue();

            pipeline.passWallClock(Duration.ofMinutes(2));
            assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).startsWith(AlertStatus.OPEN);
        }
    }
}
