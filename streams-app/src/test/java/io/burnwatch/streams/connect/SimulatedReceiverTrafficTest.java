package io.burnwatch.streams.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.receiver.ClaudeCodeLogs;
import io.burnwatch.sim.receiver.GithubDeliveries;
import io.burnwatch.sim.receiver.SimIdentities;
import io.burnwatch.streams.connect.receiver.WebhookSignatures;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the simulator sends through the receiver ({@code --via receiver}) comes out of burnwatch's own OTLP and
 * webhook mappers as the usage and outcomes the simulator would have written to Kafka, under the same user ids once
 * the simulator's identity-map entries are in. What the vendors' payloads cannot carry is named in each assertion.
 */
@DisplayName("Simulated traffic through the receiver")
class SimulatedReceiverTrafficTest {

    private static final Instant AT = PipelineDriver.WALL_CLOCK.minus(Duration.ofHours(1)).plusMillis(123);
    private static final String SHA = "3f9a1c2b7d8e4f5a6b7c8d9e0f1a2b3c4d5e6f70";

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        // Dead letters are captured by TopologyTestDriver only at least once; see InvalidInputTest.
        pipeline = PipelineDriver.start(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        for (String user : List.of("alice", "bob")) {
            pipeline.mapIdentity(SimIdentities.emailKey(user), user);
            pipeline.mapIdentity(SimIdentities.githubKey(user), user);
        }
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private static UsageEvent call(String id, String user, Initiator initiator, long input, Double cost) {
        return UsageEvent.newBuilder().setEventId(id).setTs(AT).setUserId(user).setTeamId("payments")
                .setSessionId("s-" + user).setParentSessionId(null).setClient("claude-code").setInitiator(initiator)
                .setModel("claude-sonnet-4-5").setInputTokens(input).setOutputTokens(input / 4)
                .setCacheReadTokens(input * 10).setCacheWriteTokens(input / 2).setCostUsd(cost).setPromptHash("p-1")
                .setRepo("acme/api").build();
    }

    @Test
    @DisplayName("OTLP batch: each call back with its user, team, repo, session, model, counts and cost")
    void usageRoundTrip() {
        UsageEvent agent = call("e-1", "alice", Initiator.AGENT, 1200, 0.0421);
        UsageEvent otherTeam = UsageEvent.newBuilder(call("e-2", "bob", Initiator.AGENT, 800, null))
                .setTeamId("search").setRepo(null).build();
        UsageEvent chat = call("e-3", "alice", Initiator.HUMAN, 300, 0.002);

        pipeline.otlpLogs.pipeInput(null, ClaudeCodeLogs.batch(List.of(agent, otherTeam, chat)).toByteArray());

        List<UsageEvent> calls = pipeline.usageOut.readValuesToList();
        assertThat(pipeline.dlq.isEmpty()).isTrue();
        assertThat(calls).hasSize(4);
        // Claude Code reports neither a prompt fingerprint nor a parent session; its ids are claude-code:<request_id>.
        assertThat(calls).contains(asClaudeCode(agent), asClaudeCode(otherTeam));
        UsageEvent turn = calls.stream().filter(c -> c.getInitiator() == Initiator.HUMAN).findFirst().orElseThrow();
        assertThat(turn.getUserId()).isEqualTo("alice");
        assertThat(turn.getSessionId()).isEqualTo("s-alice");
        assertThat(turn.getTs()).isEqualTo(AT);
        assertThat(turn.getInputTokens() + turn.getOutputTokens()).as("a prompt event has no tokens").isZero();
        assertThat(calls).as("a chat turn's tokens come as the api_request it led to")
                .contains(UsageEvent.newBuilder(asClaudeCode(chat)).setInitiator(Initiator.AGENT).build());
    }

    private static UsageEvent asClaudeCode(UsageEvent call) {
        return UsageEvent.newBuilder(call).setEventId("claude-code:" + call.getEventId()).setPromptHash(null)
                .setParentSessionId(null).build();
    }

    @Test
    @DisplayName("GitHub deliveries: commits and pull requests back with their user, session, repo, kind and ref")
    void outcomesRoundTrip() {
        OutcomeEvent commit = OutcomeEvent.newBuilder().setEventId("o-1").setTs(AT).setUserId("alice")
                .setSessionId("s-alice").setRepo("acme/api").setKind(OutcomeKind.COMMIT).setLinesAdded(40)
                .setLinesRemoved(3).setRef(SHA).build();
        OutcomeEvent userOnly = OutcomeEvent.newBuilder(commit).setEventId("o-2").setSessionId(null).setRepo(null)
                .setRef("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567").build();
        OutcomeEvent opened = OutcomeEvent.newBuilder().setEventId("o-3").setTs(AT).setUserId("bob")
                .setSessionId("s-bob").setRepo("acme/api").setKind(OutcomeKind.PR_OPENED).setLinesAdded(120)
                .setLinesRemoved(8).setRef("#42").build();
        OutcomeEvent merged = OutcomeEvent.newBuilder(opened).setEventId("o-4").setKind(OutcomeKind.PR_MERGED).build();

        for (OutcomeEvent outcome : List.of(commit, userOnly, opened, merged)) {
            GithubDeliveries.Delivery delivery = GithubDeliveries.of(outcome);
            pipeline.webhook("github", delivery.event(), delivery.id(), delivery.body());
        }

        List<OutcomeEvent> outcomes = pipeline.outcomesOut.readValuesToList();
        assertThat(pipeline.dlq.isEmpty()).isTrue();
        assertThat(outcomes).containsExactly(
                // A push carries no line counts.
                OutcomeEvent.newBuilder(commit).setEventId("commit:" + SHA).setLinesAdded(0).setLinesRemoved(0)
                        .build(),
                OutcomeEvent.newBuilder(userOnly).setEventId("commit:" + userOnly.getRef()).setLinesAdded(0)
                        .setLinesRemoved(0).setRepo("sim/unattributed").build(),
                // An opened pull request carries no line counts either; its ref is its number.
                OutcomeEvent.newBuilder(opened).setEventId("github:pr:acme/api#42:opened").setLinesAdded(0)
                        .setLinesRemoved(0).setRef("42").build(),
                OutcomeEvent.newBuilder(merged).setEventId("github:pr:acme/api#42:merged").setRef("42").build());
    }

    @Test
    @DisplayName("without the identity map the user is the email, the same for usage and commits")
    void unmappedUsersAreTheirEmail() {
        PipelineDriver bare = PipelineDriver.start();
        try {
            bare.otlpLogs.pipeInput(null, ClaudeCodeLogs.batch(List.of(call("e-9", "carol", Initiator.AGENT, 10, 0.1)))
                    .toByteArray());
            GithubDeliveries.Delivery push = GithubDeliveries.of(OutcomeEvent.newBuilder().setEventId("o-9").setTs(AT)
                    .setUserId("carol").setSessionId("s-carol").setRepo("acme/api").setKind(OutcomeKind.COMMIT)
                    .setLinesAdded(1).setLinesRemoved(0).setRef(SHA).build());
            bare.webhook("github", push.event(), push.id(), push.body());

            assertThat(bare.usageOut.readValue().getUserId()).isEqualTo("carol@sim.burnwatch");
            assertThat(bare.outcomesOut.readValue().getUserId()).isEqualTo("carol@sim.burnwatch");
        } finally {
            bare.close();
        }
    }

    @Test
    @DisplayName("the simulator's signature passes the receiver's own check, and fails under another secret")
    void signatureVerifies() {
        byte[] secret = "local-secret".getBytes(StandardCharsets.UTF_8);
        byte[] body = GithubDeliveries.of(OutcomeEvent.newBuilder().setEventId("o-1").setTs(AT).setUserId("alice")
                .setKind(OutcomeKind.COMMIT).setLinesAdded(0).setLinesRemoved(0).setRef(SHA).build()).body();

        String header = GithubDeliveries.signature(secret, body);

        assertThat(WebhookSignatures.githubValid(secret, body, header)).isTrue();
        assertThat(header).isEqualTo(WebhookSignatures.github(secret, body));
        assertThat(WebhookSignatures.githubValid("other".getBytes(StandardCharsets.UTF_8), body, header)).isFalse();
    }
}
