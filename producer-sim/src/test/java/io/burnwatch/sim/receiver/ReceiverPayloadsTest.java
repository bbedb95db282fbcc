package io.burnwatch.sim.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The receiver payloads carry every field burnwatch's mappers read. (The round trip through those mappers is
 * streams-app's {@code SimulatedReceiverTrafficTest}: streams-app depends on this module, not the other way round.)
 */
@DisplayName("Receiver payloads of simulated events")
class ReceiverPayloadsTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:05.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    static UsageEvent agentCall() {
        return UsageEvent.newBuilder().setEventId("e-1").setTs(AT).setUserId("alice").setTeamId("payments")
                .setSessionId("s-0000abcd").setClient("claude-code").setInitiator(Initiator.AGENT)
                .setModel("claude-sonnet-4-5").setInputTokens(1200).setOutputTokens(350).setCacheReadTokens(48000)
                .setCacheWriteTokens(2100).setCostUsd(0.0421).setPromptHash("p1").setRepo("acme/api").build();
    }

    @Test
    @DisplayName("an AGENT call is a claude_code.api_request with the counts, cost, request id, person and session")
    void agentCallIsAnApiRequest() {
        ExportLogsServiceRequest batch = ClaudeCodeLogs.batch(List.of(agentCall()));

        assertThat(batch.getResourceLogsCount()).isOne();
        ResourceLogs resource = batch.getResourceLogs(0);
        assertThat(attributes(resource.getResource().getAttributesList()))
                .containsEntry("team.id", "payments").containsEntry("repo", "acme/api")
                .containsEntry("service.name", "claude-code");
        LogRecord record = resource.getScopeLogs(0).getLogRecords(0);
        assertThat(record.getBody().getStringValue()).isEqualTo("claude_code.api_request");
        assertThat(record.getTimeUnixNano()).isEqualTo(AT.toEpochMilli() * 1_000_000L);
        assertThat(attributes(record.getAttributesList()))
                .containsEntry("session.id", "s-0000abcd").containsEntry("user.email", "alice@sim.burnwatch")
                .containsEntry("event.name", "api_request").containsEntry("model", "claude-sonnet-4-5")
                .containsEntry("input_tokens", "1200").containsEntry("output_tokens", "350")
                .containsEntry("cache_read_tokens", "48000").containsEntry("cache_creation_tokens", "2100")
                .containsEntry("cost_usd", "0.0421").containsEntry("request_id", "e-1");
    }

    @Test
    @DisplayName("a HUMAN turn is a claude_code.user_prompt, followed by its api_request when it used tokens")
    void humanTurnIsAUserPrompt() {
        UsageEvent chat = UsageEvent.newBuilder(agentCall()).setInitiator(Initiator.HUMAN).setEventId("e-2").build();
        UsageEvent bare = UsageEvent.newBuilder(agentCall()).setInitiator(Initiator.HUMAN).setEventId("e-3")
                .setInputTokens(0).setOutputTokens(0).setCacheReadTokens(0).setCacheWriteTokens(0).setCostUsd(null)
                .build();

        List<LogRecord> records = ClaudeCodeLogs.batch(List.of(chat, bare)).getResourceLogs(0).getScopeLogs(0)
                .getLogRecordsList();

        assertThat(records).extracting(r -> r.getBody().getStringValue()).containsExactly(
                "claude_code.user_prompt", "claude_code.api_request", "claude_code.user_prompt");
        assertThat(attributes(records.get(1).getAttributesList())).containsEntry("request_id", "e-2");
    }

    @Test
    @DisplayName("calls of other teams or repositories go in resources of their own; an email user id stays as it is")
    void resourcesByTeamAndRepo() {
        UsageEvent other = UsageEvent.newBuilder(agentCall()).setEventId("e-4").setTeamId(null).setRepo(null)
                .setUserId("Bob@Acme.example").build();

        ExportLogsServiceRequest batch = ClaudeCodeLogs.batch(List.of(agentCall(), other, agentCall()));

        assertThat(batch.getResourceLogsCount()).isEqualTo(2);
        assertThat(batch.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).isEqualTo(2);
        assertThat(attributes(batch.getResourceLogs(1).getResource().getAttributesList()))
                .doesNotContainKeys("team.id", "repo");
        assertThat(attributes(batch.getResourceLogs(1).getScopeLogs(0).getLogRecords(0).getAttributesList()))
                .containsEntry("user.email", "Bob@Acme.example");
    }

    @Test
    @DisplayName("a commit naming its session is a push of one commit with the Claude-Session trailer")
    void commitIsAPush() throws Exception {
        String sha = "3f9a1c2b7d8e4f5a6b7c8d9e0f1a2b3c4d5e6f70";
        OutcomeEvent commit = OutcomeEvent.newBuilder().setEventId("o-1").setTs(AT).setUserId("alice")
                .setSessionId("s-0000abcd").setRepo("acme/api").setKind(OutcomeKind.COMMIT).setLinesAdded(10)
                .setLinesRemoved(2).setRef(sha).build();

        GithubDeliveries.Delivery delivery = GithubDeliveries.of(commit);

        assertThat(delivery.event()).isEqualTo("push");
        assertThat(delivery.id()).isEqualTo("o-1");
        JsonNode body = JSON.readTree(delivery.body());
        assertThat(body.path("repository").path("full_name").asText()).isEqualTo("acme/api");
        JsonNode first = body.path("commits").get(0);
        assertThat(body.path("commits").size()).isOne();
        assertThat(first.path("id").asText()).isEqualTo(sha);
        assertThat(first.path("distinct").asBoolean()).isTrue();
        assertThat(Instant.parse(first.path("timestamp").asText())).isEqualTo(AT);
        assertThat(first.path("author").path("email").asText()).isEqualTo("alice@sim.burnwatch");
        assertThat(first.path("author").path("username").asText()).isEqualTo("alice");
        assertThat(first.path("message").asText()).endsWith("\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
                + "Claude-Session: s-0000abcd");
    }

    @Test
    @DisplayName("a commit of no session has no trailer, and one of no repository names a stand-in")
    void commitWithoutSessionOrRepo() throws Exception {
        OutcomeEvent commit = OutcomeEvent.newBuilder().setEventId("o-2").setTs(AT).setUserId("alice")
                .setKind(OutcomeKind.COMMIT).setLinesAdded(1).setLinesRemoved(0).setRef("not-a-sha").build();

        JsonNode body = JSON.readTree(GithubDeliveries.of(commit).body());

        assertThat(body.path("repository").path("full_name").asText()).isEqualTo(GithubDeliveries.UNNAMED_REPO);
        assertThat(body.path("commits").get(0).path("message").asText()).doesNotContain("Claude-Session");
        assertThat(body.path("commits").get(0).path("id").asText()).matches("[0-9a-f]{40}");
    }

    @Test
    @DisplayName("PR_OPENED is pull_request opened, PR_MERGED pull_request closed and merged with its lines")
    void pullRequests() throws Exception {
        OutcomeEvent opened = OutcomeEvent.newBuilder().setEventId("o-3").setTs(AT).setUserId("alice")
                .setSessionId("s-0000abcd").setRepo("acme/api").setKind(OutcomeKind.PR_OPENED).setLinesAdded(120)
                .setLinesRemoved(8).setRef("#42").build();
        OutcomeEvent merged = OutcomeEvent.newBuilder(opened).setEventId("o-4").setKind(OutcomeKind.PR_MERGED).build();

        GithubDeliveries.Delivery open = GithubDeliveries.of(opened);
        GithubDeliveries.Delivery merge = GithubDeliveries.of(merged);

        assertThat(open.event()).isEqualTo("pull_request");
        JsonNode openBody = JSON.readTree(open.body());
        assertThat(openBody.path("action").asText()).isEqualTo("opened");
        assertThat(openBody.path("pull_request").path("number").asLong()).isEqualTo(42);
        assertThat(openBody.path("pull_request").path("user").path("login").asText()).isEqualTo("alice");
        assertThat(openBody.path("pull_request").path("body").asText()).contains("Claude-Session: s-0000abcd");
        JsonNode mergeBody = JSON.readTree(merge.body());
        assertThat(mergeBody.path("action").asText()).isEqualTo("closed");
        assertThat(mergeBody.path("pull_request").path("merged").asBoolean()).isTrue();
        assertThat(Instant.parse(mergeBody.path("pull_request").path("merged_at").asText())).isEqualTo(AT);
        assertThat(mergeBody.path("pull_request").path("additions").asLong()).isEqualTo(120);
        assertThat(mergeBody.path("pull_request").path("deletions").asLong()).isEqualTo(8);
    }

    @Test
    @DisplayName("the signature is GitHub's: sha256= and the hex HMAC-SHA256 of the body")
    void signature() {
        // RFC 4231, test case 2.
        assertThat(GithubDeliveries.signature("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    @DisplayName("identities: an email user id is its own email, others get the simulator's domain and a login")
    void identities() {
        assertThat(SimIdentities.email("alice")).isEqualTo("alice@sim.burnwatch");
        assertThat(SimIdentities.email("Bob@Acme.example")).isEqualTo("Bob@Acme.example");
        assertThat(SimIdentities.emailKey("Bob@Acme.example")).isEqualTo("email:bob@acme.example");
        assertThat(SimIdentities.githubLogin("carol.j_2")).isEqualTo("carol-j-2");
        assertThat(SimIdentities.githubKey("alice")).isEqualTo("github:alice");
    }

    static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> render(kv.getValue())));
    }

    private static String render(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }
}
