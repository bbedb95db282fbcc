package io.burnwatch.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each vendor's documented payloads, mapped field by field to outcomes on the outcomes topic. */
@DisplayName("Webhook deliveries mapped to outcomes")
class WebhookMappingTest {

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("GitHub push: a COMMIT per distinct commit, at its own time, its trailers naming the session")
    void githubPush() {
        pipeline.webhook("github", "push", "d-1", Payloads.of("github-push.json"));

        List<TestRecord<String, OutcomeEvent>> records = pipeline.outcomesOut.readRecordsToList();
        assertThat(records).hasSize(2);
        OutcomeEvent agent = records.get(0).value();
        assertThat(records.get(0).key()).isEqualTo("alice@acme.example");
        assertThat(agent.getEventId()).isEqualTo("commit:4f1c2e8d9a0b7c6d5e4f3a2b1c0d9e8f7a6b5c4d");
        assertThat(agent.getTs()).isEqualTo(Instant.parse("2026-03-02T09:05:12Z"));
        assertThat(records.get(0).timestamp()).isEqualTo(Instant.parse("2026-03-02T09:05:12Z").toEpochMilli());
        assertThat(agent.getUserId()).as("unmapped: the author's email, in lower case").isEqualTo("alice@acme.example");
        assertThat(agent.getSessionId()).as("the last path segment of the Claude-Session URL")
                .isEqualTo("session_01HkQ7pV2mX9rT4wZ8yB3nC6");
        assertThat(agent.getRepo()).isEqualTo("acme/api");
        assertThat(agent.getKind()).isEqualTo(OutcomeKind.COMMIT);
        assertThat(agent.getLinesAdded()).as("a push carries no line counts").isZero();
        assertThat(agent.getLinesRemoved()).isZero();
        assertThat(agent.getRef()).isEqualTo("4f1c2e8d9a0b7c6d5e4f3a2b1c0d9e8f7a6b5c4d");

        OutcomeEvent human = records.get(1).value();
        assertThat(human.getEventId()).isEqualTo("commit:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807");
        assertThat(human.getTs()).isEqualTo(Instant.parse("2026-03-02T09:07:40Z"));
        assertThat(human.getUserId()).isEqualTo("bob@acme.example");
        assertThat(human.getSessionId()).isNull();
        assertThat(human.getRef()).isEqualTo("9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807");

        assertThat(header(records.get(0), SourceClock.HEADER)).isEqualTo(pipeline.config.webhooksTopic() + "-0");
        assertThat(header(records.get(0), WebhookHeaders.DELIVERY)).isEqualTo("d-1");
        assertThat(deliveries("github", "push", "mapped")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("GitHub pull_request opened: PR_OPENED by its author at created_at, the session from its description")
    void githubPullRequestOpened() {
        pipeline.webhook("github", "pull_request", "d-2", Payloads.of("github-pull-request-opened.json"));

        OutcomeEvent opened = single();
        assertThat(opened.getEventId()).isEqualTo("github:pr:acme/api#42:opened");
        assertThat(opened.getTs()).isEqualTo(Instant.parse("2026-03-02T09:20:00Z"));
        assertThat(opened.getUserId()).as("no email in a pull request: the login").isEqualTo("github:alice-gh");
        assertThat(opened.getSessionId()).isEqualTo("0b9c7a4e-2f13-4d6a-9e55-1c7b8d2e3f40");
        assertThat(opened.getRepo()).isEqualTo("acme/api");
        assertThat(opened.getKind()).isEqualTo(OutcomeKind.PR_OPENED);
        assertThat(opened.getLinesAdded()).as("lines count once, when merged").isZero();
        assertThat(opened.getLinesRemoved()).isZero();
        assertThat(opened.getRef()).isEqualTo("42");
    }

    @Test
    @DisplayName("GitHub pull_request closed and merged: PR_MERGED by the PR's author at merged_at, with its lines")
    void githubPullRequestMerged() {
        pipeline.webhook("github", "pull_request", "d-3", Payloads.of("github-pull-request-merged.json"));

        OutcomeEvent merged = single();
        assertThat(merged.getEventId()).isEqualTo("github:pr:acme/api#42:merged");
        assertThat(merged.getTs()).isEqualTo(Instant.parse("2026-03-02T11:45:00Z"));
        assertThat(merged.getUserId()).as("the author, not carol who merged it").isEqualTo("github:alice-gh");
        assertThat(merged.getSessionId()).isEqualTo("0b9c7a4e-2f13-4d6a-9e55-1c7b8d2e3f40");
        assertThat(merged.getRepo()).isEqualTo("acme/api");
        assertThat(merged.getKind()).isEqualTo(OutcomeKind.PR_MERGED);
        assertThat(merged.getLinesAdded()).isEqualTo(120);
        assertThat(merged.getLinesRemoved()).isEqualTo(8);
        assertThat(merged.getRef()).isEqualTo("42");
    }

    @Test
    @DisplayName("a pull request closed unmerged, another action, a ping or another event: acknowledged, counted, no outcome")
    void ignored() {
        String closed = new String(Payloads.of("github-pull-request-merged.json"), StandardCharsets.UTF_8)
                .replace("\"merged\": true", "\"merged\": false");
        String edited = new String(Payloads.of("github-pull-request-opened.json"), StandardCharsets.UTF_8)
                .replace("\"action\": \"opened\"", "\"action\": \"edited\"");
        pipeline.webhook("github", "pull_request", "d-4", closed.getBytes(StandardCharsets.UTF_8));
        pipeline.webhook("github", "pull_request", "d-5", edited.getBytes(StandardCharsets.UTF_8));
        pipeline.webhook("github", "ping", "d-6", Payloads.of("github-ping.json"));
        pipeline.webhook("github", "issues", "d-7", "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8));
        pipeline.webhook("gitlab", "Note Hook", "d-8", "{\"object_kind\":\"note\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(pipeline.outcomesOut.isEmpty()).isTrue();
        assertThat(pipeline.dlq.isEmpty()).isTrue();
        assertThat(deliveries("github", "pull_request", "ignored")).isEqualTo(2.0);
        assertThat(deliveries("github", "ping", "ignored")).isEqualTo(1.0);
        assertThat(deliveries("github", "other", "ignored")).isEqualTo(1.0);
        assertThat(deliveries("gitlab", "other", "ignored")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("GitLab Push Hook: a COMMIT per commit, the project's full path as repo")
    void gitlabPush() {
        pipeline.webhook("gitlab", "Push Hook", "g-1", Payloads.of("gitlab-push.json"));

        OutcomeEvent commit = single();
        assertThat(commit.getEventId()).isEqualTo("commit:da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(commit.getTs()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        assertThat(commit.getUserId()).isEqualTo("dana@acme.example");
        assertThat(commit.getSessionId()).isEqualTo("sess-7f3a9c");
        assertThat(commit.getRepo()).isEqualTo("acme/payments/ledger");
        assertThat(commit.getKind()).isEqualTo(OutcomeKind.COMMIT);
        assertThat(commit.getLinesAdded()).isZero();
        assertThat(commit.getLinesRemoved()).isZero();
        assertThat(commit.getRef()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    }

    @Test
    @DisplayName("GitLab Merge Request Hook: open is PR_OPENED at created_at (GitLab's older time format too)")
    void gitlabMergeRequestOpen() {
        pipeline.webhook("gitlab", "Merge Request Hook", "g-2", Payloads.of("gitlab-merge-request-open.json"));

        OutcomeEvent opened = single();
        assertThat(opened.getEventId()).isEqualTo("gitlab:mr:acme/payments/ledger!7:opened");
        assertThat(opened.getTs()).isEqualTo(Instant.parse("2026-03-02T09:40:00Z"));
        assertThat(opened.getUserId()).as("a redacted email is no email").isEqualTo("gitlab:dana");
        assertThat(opened.getSessionId()).isEqualTo("session_01LedgerExport9");
        assertThat(opened.getRepo()).isEqualTo("acme/payments/ledger");
        assertThat(opened.getKind()).isEqualTo(OutcomeKind.PR_OPENED);
        assertThat(opened.getLinesAdded()).isZero();
        assertThat(opened.getRef()).isEqualTo("7");
    }

    @Test
    @DisplayName("GitLab Merge Request Hook: merge is PR_MERGED at updated_at, by the user who merged it")
    void gitlabMergeRequestMerge() {
        pipeline.webhook("gitlab", "Merge Request Hook", "g-3", Payloads.of("gitlab-merge-request-merge.json"));

        OutcomeEvent merged = single();
        assertThat(merged.getEventId()).isEqualTo("gitlab:mr:acme/payments/ledger!7:merged");
        assertThat(merged.getTs()).isEqualTo(Instant.parse("2026-03-02T12:10:00Z"));
        assertThat(merged.getUserId()).isEqualTo("erin@acme.example");
        assertThat(merged.getSessionId()).isNull();
        assertThat(merged.getKind()).isEqualTo(OutcomeKind.PR_MERGED);
        assertThat(merged.getLinesAdded()).as("GitLab's hook carries no line counts").isZero();
        assertThat(merged.getRef()).isEqualTo("7");
    }

    @Test
    @DisplayName("a redelivered push is read again but counted once, by its commits' event ids")
    void redeliveredOnce() {
        pipeline.webhook("github", "push", "d-1", Payloads.of("github-push.json"));
        pipeline.webhook("github", "push", "d-1-redelivered", Payloads.of("github-push.json"));

        assertThat(pipeline.outcomesOut.readValuesToList()).extracting(OutcomeEvent::getEventId).containsExactly(
                "commit:4f1c2e8d9a0b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
                "commit:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807",
                "commit:4f1c2e8d9a0b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
                "commit:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807");
        assertThat(pipeline.ingest.duplicates()).containsEntry("outcome", 2L);
        assertThat(pipeline.dlq.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("the session trailer's name is burnwatch.webhook.session.trailer")
    void configurableTrailer() {
        try (PipelineDriver custom = PipelineDriver.start(Map.of("burnwatch.webhook.session.trailer", "Agent-Run"))) {
            String push = new String(Payloads.of("gitlab-push.json"), StandardCharsets.UTF_8)
                    .replace("Claude-Session: sess-7f3a9c", "Agent-Run: run-88");
            custom.webhook("gitlab", "Push Hook", "g-9", push.getBytes(StandardCharsets.UTF_8));
            custom.webhook("gitlab", "Push Hook", "g-10", Payloads.of("gitlab-push.json"));

            List<OutcomeEvent> outcomes = custom.outcomesOut.readValuesToList();
            assertThat(outcomes).extracting(OutcomeEvent::getSessionId).containsExactly("run-88", null);
        }
    }

    private OutcomeEvent single() {
        List<OutcomeEvent> outcomes = pipeline.outcomesOut.readValuesToList();
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    private double deliveries(String vendor, String event, String result) {
        var counter = pipeline.registry.find(WebhookReader.DELIVERIES).tags("vendor", vendor, "event", event, "result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(TestRecord<String, OutcomeEvent> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
