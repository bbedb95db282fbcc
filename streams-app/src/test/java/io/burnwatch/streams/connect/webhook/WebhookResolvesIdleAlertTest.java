package io.burnwatch.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end: an agent session burns with nothing to show, its IDLE_LOOP alert opens, and the GitHub push of a
 * commit whose trailer names the session resolves it. As in the idle-loop lifecycle tests, each call burns 100,000
 * tokens for 10 cents every 10 s; the alert opens at 250 s.
 */
@DisplayName("A pushed commit naming its session resolves the session's IDLE_LOOP alert")
class WebhookResolvesIdleAlertTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(10);
    /** The agent commit's timestamp in the golden push, 312 s after T0. */
    private static final Instant COMMITTED = Instant.parse("2026-03-02T09:05:12Z");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.IDLE_MIN_COST_USD, "1.95",
            BurnwatchSettings.IDLE_PATIENCE, "1m"));

    @Test
    @DisplayName("OPEN, then RESOLVED (OUTCOME) at the commit's time, the commit's author mapped to the session's user")
    void resolvedByPush() {
        pipeline.mapIdentity("github:alice-gh", "alice");
        loop(T0, 30);
        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);

        // The commit is in another repo than the session's: only its session trailer ties it to s-17.
        String push = new String(Payloads.of("github-push.json"), StandardCharsets.UTF_8)
                .replace("https://claude.ai/code/session_01HkQ7pV2mX9rT4wZ8yB3nC6", "https://claude.ai/code/s-17");
        pipeline.webhook("github", "push", "d-1", push.getBytes(StandardCharsets.UTF_8));
        loop(T0.plusSeconds(320), 3);

        List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.RESOLVED);
        Alert resolved = alerts.get(0);
        assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
        assertThat(resolved.getSessionId()).isEqualTo("s-17");
        assertThat(resolved.getTs()).isEqualTo(COMMITTED);
        assertThat(resolved.getLastOutcomeTs()).isEqualTo(COMMITTED);
        assertThat(resolved.getMessage())
                .isEqualTo("Resolved: alice made a COMMIT in acme/api after session s-17 burned $3.00 in 5 min over 30 agent calls");
    }

    @Test
    @DisplayName("the same push without the session trailer, in another repo, leaves the alert open")
    void otherRepoWithoutTrailer() {
        pipeline.mapIdentity("github:alice-gh", "alice");
        loop(T0, 30);
        String push = new String(Payloads.of("github-push.json"), StandardCharsets.UTF_8)
                .replace("\\nClaude-Session: https://claude.ai/code/session_01HkQ7pV2mX9rT4wZ8yB3nC6", "");
        pipeline.webhook("github", "push", "d-1", push.getBytes(StandardCharsets.UTF_8));
        loop(T0.plusSeconds(320), 3);

        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);
    }

    private void loop(Instant from, int calls) {
        for (int i = 0; i < calls; i++) {
            pipeline.pipe(Events.call("alice", "s-17", from.plus(EVERY.multipliedBy(i)))
                    .setTeamId("platform")
                    .setClient("claude-code")
                    .setRepo("acme/agent-playground")
                    .setInputTokens(20_000)
                    .setOutputTokens(5_000)
                    .setCacheReadTokens(75_000)
                    .setCostUsd(0.1)
                    .setPromptHash("same-prompt")
                    .build());
        }
    }
}
