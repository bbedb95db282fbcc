package io.burnwatch.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.connect.identity.UnmappedIdentities;
import io.burnwatch.streams.http.BearerTokens;
import io.burnwatch.streams.http.HealthServer;
import io.burnwatch.streams.http.HttpLimits;
import io.burnwatch.streams.http.StreamsStatus;
import io.burnwatch.streams.testing.PipelineDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authors become user ids through the identity map; an unmapped one is counted as its email, and shown. */
@DisplayName("Webhook authors and the identity map")
class WebhookIdentityTest {

    private static final String CLIENT = "client-token-0123456789abcdef";

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("a mapped login or email resolves to its user_id, the login first; nothing is counted unmapped")
    void mapped() {
        pipeline.mapIdentity("github:alice-gh", "alice");
        pipeline.mapIdentity("email:BOB@acme.example", "bob");
        pipeline.mapIdentity("email:alice@acme.example", "alice-by-email");

        pipeline.webhook("github", "push", "d-1", Payloads.of("github-push.json"));
        pipeline.webhook("github", "pull_request", "d-2", Payloads.of("github-pull-request-merged.json"));

        List<OutcomeEvent> outcomes = pipeline.outcomesOut.readValuesToList();
        assertThat(outcomes).extracting(OutcomeEvent::getUserId).containsExactly("alice", "bob", "alice");
        assertThat(pipeline.metrics.counts(UnmappedIdentities.NAME, UnmappedIdentities.KIND_TAG))
                .containsOnly(Map.entry("email", 0L), Map.entry("github", 0L), Map.entry("gitlab", 0L),
                        Map.entry("account", 0L));
        assertThat(pipeline.metrics.unmappedIdentities().recent()).isEmpty();
    }

    @Test
    @DisplayName("a change to the map applies from the next delivery; a tombstone removes a mapping")
    void changes() {
        pipeline.mapIdentity("gitlab:dana", "dana");
        pipeline.webhook("gitlab", "Merge Request Hook", "g-1", Payloads.of("gitlab-merge-request-open.json"));
        pipeline.mapIdentity("gitlab:dana", null);
        pipeline.webhook("gitlab", "Merge Request Hook", "g-2", Payloads.of("gitlab-merge-request-open.json"));

        assertThat(pipeline.outcomesOut.readValuesToList()).extracting(OutcomeEvent::getUserId)
                .containsExactly("dana", "gitlab:dana");
    }

    @Test
    @DisplayName("an unmapped author counts as the email, or the login without one, and is counted by kind and listed")
    void unmapped() {
        pipeline.webhook("github", "push", "d-1", Payloads.of("github-push.json"));
        pipeline.webhook("github", "pull_request", "d-2", Payloads.of("github-pull-request-opened.json"));

        assertThat(pipeline.outcomesOut.readValuesToList()).extracting(OutcomeEvent::getUserId)
                .containsExactly("alice@acme.example", "bob@acme.example", "github:alice-gh");
        assertThat(pipeline.registry.scrape()).contains(
                "burnwatch_unmapped_identities_total{kind=\"email\"} 2.0",
                "burnwatch_unmapped_identities_total{kind=\"github\"} 1.0");
        assertThat(pipeline.metrics.unmappedIdentities().recent()).as("most recent first, each once")
                .containsExactly("github:alice-gh", "email:bob@acme.example", "email:alice@acme.example");
    }

    @Test
    @DisplayName("/status lists the unmapped identities to callers with a client token, and hides them from others")
    void status() throws Exception {
        pipeline.webhook("gitlab", "Push Hook", "g-1", Payloads.of("gitlab-push.json"));
        HttpClient http = HttpClient.newHttpClient();

        try (HealthServer open = HealthServer.start("127.0.0.1", 0, () -> statusNow());
             HealthServer guarded = HealthServer.start("127.0.0.1", 0, HttpLimits.DEFAULT,
                     BearerTokens.of(List.of(CLIENT), null), () -> statusNow())) {
            assertThat(get(http, open, null)).contains("\"unmapped_identities\":[\"gitlab:dana\",\"email:dana@acme.example\"]");
            assertThat(get(http, guarded, "Bearer " + CLIENT))
                    .contains("\"unmapped_identities\":[\"gitlab:dana\",\"email:dana@acme.example\"]");
            assertThat(get(http, guarded, null)).contains("\"unmapped_identities\":[]").doesNotContain("dana");
        }
    }

    private StreamsStatus statusNow() {
        return new StreamsStatus(State.RUNNING, 0, Map.of(), Map.of(), Map.of(), false,
                pipeline.metrics.unmappedIdentities().recent());
    }

    private static String get(HttpClient http, HealthServer server, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/status"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
