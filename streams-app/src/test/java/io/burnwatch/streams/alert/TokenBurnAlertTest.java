package io.burnwatch.streams.alert;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Default rule: 2,000,000 tokens within the trailing 10 minutes, no outcome within the last hour. Each call in
 * these tests burns 100,000 tokens, so the 20th call within 10 minutes crosses the threshold.
 */
@DisplayName("Token burn with no outcome alert")
class TokenBurnAlertTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(10);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("opens once, with its evidence, when a looping session crosses the threshold and its user has no outcome")
    void opensForALoopingSessionWithoutOutcomes() {
        burn("alice", "s-17", T0, 19, EVERY);
        assertThat(pipeline.alerts.isEmpty()).as("1.9M tokens: below the threshold").isTrue();

        UsageEvent crossing = burn("alice", "s-17", T0.plus(EVERY.multipliedBy(19)), 1, EVERY).get(0);

        List<KeyValue<String, Alert>> emitted = pipeline.alerts.readKeyValuesToList();
        assertThat(emitted).hasSize(1);
        Alert alert = emitted.get(0).value;
        assertThat(emitted.get(0).key).isEqualTo(alert.getAlertId());
        assertThat(alert.getKind()).isEqualTo(AlertKind.TOKEN_BURN_NO_OUTCOME);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.getResolution()).isNull();
        assertThat(alert.getUserId()).isEqualTo("alice");
        assertThat(alert.getSessionId()).isEqualTo("s-17");
        assertThat(alert.getTeamId()).isEqualTo("platform");
        assertThat(alert.getRepo()).isEqualTo("acme/api");
        assertThat(alert.getClient()).isEqualTo("claude-code");
        assertThat(alert.getModels()).containsExactly("claude-haiku-4", "claude-sonnet-4");
        assertThat(alert.getTs()).isEqualTo(crossing.getTs());
        assertThat(alert.getOpenedAt()).isEqualTo(crossing.getTs());
        assertThat(alert.getWindowEnd()).isEqualTo(crossing.getTs());
        assertThat(alert.getWindowStart()).isEqualTo(crossing.getTs().minus(Duration.ofMinutes(10)));
        assertThat(alert.getCalls()).isEqualTo(20);
        assertThat(alert.getInputTokens()).isEqualTo(20 * 20_000);
        assertThat(alert.getOutputTokens()).isEqualTo(20 * 5_000);
        assertThat(alert.getCacheReadTokens()).isEqualTo(20 * 70_000);
        assertThat(alert.getCacheWriteTokens()).isEqualTo(20 * 5_000);
        assertThat(alert.getReportedCostUsd()).isCloseTo(20 * 0.05, offset(1e-9));
        assertThat(alert.getLastOutcomeTs()).isNull();
        assertThat(alert.getMessage()).isEqualTo(
                "2M tokens in 10 min over 20 calls in session s-17 (alice, repo acme/api), no commit or PR in the last hour");
    }

    @Test
    @DisplayName("does not open when the user committed within the last hour")
    void staysQuietWhenTheUserCommittedRecently() {
        pipeline.pipe(commit("alice", T0.minus(Duration.ofMinutes(45))));

        burn("alice", "s-17", T0, 30, EVERY);

        assertThat(pipeline.alerts.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("opens when the user's last commit is older than an hour, and reports when it was")
    void opensWhenTheLastCommitIsOlderThanTheLookback() {
        Instant lastCommit = T0.minus(Duration.ofMinutes(70));
        pipeline.pipe(commit("alice", lastCommit));

        burn("alice", "s-17", T0, 20, EVERY);

        Alert alert = pipeline.alerts.readValue();
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.getLastOutcomeTs()).isEqualTo(lastCommit);
    }

    @Test
    @DisplayName("does not open below the threshold, nor for tokens spread wider than the trailing window")
    void staysQuietBelowTheThresholdWithinTheWindow() {
        // 40 s apart: any 10 minutes hold 15 calls (1.5M tokens) though 30 calls burn 3M in all.
        burn("alice", "s-17", T0, 30, Duration.ofSeconds(40));

        assertThat(pipeline.alerts.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("sums per session: two sessions of one user below the threshold each raise nothing")
    void sumsPerSession() {
        for (int i = 0; i < 15; i++) {
            Instant at = T0.plus(EVERY.multipliedBy(i));
            pipeline.pipe(hundredK(call("alice", "s-1", at)).build());
            pipeline.pipe(hundredK(call("alice", "s-2", at)).build());
        }

        assertThat(pipeline.alerts.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("opens only once per episode while the session keeps burning")
    void opensOncePerEpisode() {
        burn("alice", "s-17", T0, 60, EVERY);

        assertThat(pipeline.alerts.readValuesToList())
                .singleElement()
                .extracting(Alert::getStatus).isEqualTo(AlertStatus.OPEN);
    }

    @Test
    @DisplayName("resolves with OUTCOME, under the same alert id, when the user commits, and does not reopen for an hour")
    void resolvesWhenACommitArrives() {
        burn("alice", "s-17", T0, 20, EVERY);
        Alert open = pipeline.alerts.readValue();
        Instant committed = T0.plus(Duration.ofMinutes(5));

        pipeline.pipe(commit("alice", committed));
        burn("alice", "s-17", committed.plusSeconds(1), 40, EVERY);

        List<KeyValue<String, Alert>> emitted = pipeline.alerts.readKeyValuesToList();
        assertThat(emitted).hasSize(1);
        Alert resolved = emitted.get(0).value;
        assertThat(emitted.get(0).key).isEqualTo(open.getAlertId());
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
        assertThat(resolved.getTs()).isEqualTo(committed);
        assertThat(resolved.getOpenedAt()).isEqualTo(open.getOpenedAt());
        assertThat(resolved.getCalls()).isEqualTo(open.getCalls());
        assertThat(resolved.getMessage()).contains("alice", "COMMIT", "s-17");
    }

    @Test
    @DisplayName("an outcome of another user resolves nothing, even one whose id starts with this user's")
    void outcomesOfOtherUsersResolveNothing() {
        burn("al", "s-1", T0, 20, EVERY);
        assertThat(pipeline.alerts.readValue().getUserId()).isEqualTo("al");

        pipeline.pipe(commit("alice", T0.plus(Duration.ofMinutes(4))));
        pipeline.pipe(commit("bob", T0.plus(Duration.ofMinutes(4))));

        assertThat(pipeline.alerts.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("resolves QUIET when the session stays idle for an hour with no outcome")
    void resolvesQuietAfterAnIdleHour() {
        burn("alice", "s-17", T0, 20, EVERY);
        Alert open = pipeline.alerts.readValue();
        Instant lastCall = T0.plus(EVERY.multipliedBy(19));

        // Another user's traffic moves stream time forward.
        pipeline.pipe(call("bob", "s-2", lastCall.plus(Duration.ofMinutes(59))).build());
        assertThat(pipeline.alerts.isEmpty()).as("idle for less than an hour").isTrue();
        pipeline.pipe(call("bob", "s-2", lastCall.plus(Duration.ofMinutes(61))).build());

        Alert resolved = pipeline.alerts.readValue();
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Resolution.QUIET);
        assertThat(pipeline.alerts.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("gives the same episode the same alert id when replayed, and another session another id")
    void alertIdIsDeterministic() {
        List<String> first = twoEpisodes(pipeline);

        List<String> replayed;
        try (PipelineDriver again = PipelineDriver.start()) {
            replayed = twoEpisodes(again);
        }

        assertThat(first).hasSize(2).doesNotHaveDuplicates();
        assertThat(replayed).isEqualTo(first);
    }

    private List<String> twoEpisodes(PipelineDriver driver) {
        burn(driver, "alice", "s-17", T0, 20, EVERY);
        burn(driver, "alice", "s-18", T0, 20, EVERY);
        return driver.alerts.readValuesToList().stream().map(Alert::getAlertId).toList();
    }

    private List<UsageEvent> burn(String user, String session, Instant from, int count, Duration every) {
        return burn(pipeline, user, session, from, count, every);
    }

    /** Pipes {@code count} calls of 100,000 tokens, {@code every} apart from {@code from}, and returns them. */
    private static List<UsageEvent> burn(PipelineDriver driver, String user, String session, Instant from, int count,
                                         Duration every) {
        List<UsageEvent> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UsageEvent call = hundredK(call(user, session, from.plus(every.multipliedBy(i))))
                    .setModel(i % 2 == 0 ? "claude-sonnet-4" : "claude-haiku-4")
                    .build();
            driver.pipe(call);
            calls.add(call);
        }
        return calls;
    }

    private static UsageEvent.Builder hundredK(UsageEvent.Builder call) {
        return call.setInputTokens(20_000).setOutputTokens(5_000).setCacheReadTokens(70_000).setCacheWriteTokens(5_000)
                .setCostUsd(0.05).setTeamId("platform").setRepo("acme/api").setClient("claude-code");
    }
}
