package io.burnwatch.streams.http;

import static io.burnwatch.streams.http.SlowClientTest.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bearer tokens on the HTTP endpoints")
class BearerTokensTest {

    private static final String CLIENT = "client-token-0123456789abcdef";
    private static final String PEER = "peer-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        server = HealthServer.start("127.0.0.1", 0, HttpLimits.DEFAULT, BearerTokens.of(List.of("other-client-token-000000", CLIENT), PEER),
                () -> new StreamsStatus(State.RUNNING, 0));
        server.route("/metrics", Access.OPEN, call -> HttpAnswer.text(200, "up 1\n"));
        server.route("/users/", Access.CLIENT, call -> HttpAnswer.json(200, "{\"user\":\"alice\"}"));
        server.route("/internal/", Access.PEER, call -> HttpAnswer.json(200, "[]"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("no token or a wrong one: 401 in JSON with WWW-Authenticate; the right one: 200")
    void clientEndpoints() throws Exception {
        HttpResponse<String> none = get("/users/alice", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertJsonError(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(get("/users/alice", "Bearer " + CLIENT + "x").statusCode()).isEqualTo(401);
        assertThat(get("/users/alice", "Basic " + CLIENT).statusCode()).isEqualTo(401);

        HttpResponse<String> right = get("/users/alice", "Bearer " + CLIENT);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("{\"user\":\"alice\"}");
        assertThat(get("/users/alice", "bearer " + PEER).statusCode()).as("peers forward user queries").isEqualTo(200);
    }

    @Test
    @DisplayName("health and metrics stay open")
    void openEndpoints() throws Exception {
        for (String path : List.of("/health/live", "/health/ready", "/status", "/metrics")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("internal endpoints: 401 without a token, 403 with a client's, 200 with the peer token")
    void internalEndpoints() throws Exception {
        assertThat(get("/internal/leaderboard", null).statusCode()).isEqualTo(401);
        HttpResponse<String> client = get("/internal/leaderboard", "Bearer " + CLIENT);
        assertThat(client.statusCode()).isEqualTo(403);
        assertJsonError(client, 403);
        assertThat(get("/internal/leaderboard", "Bearer " + PEER).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("without a peer token no one reaches the internal endpoints once client tokens are set")
    void internalClosedWithoutPeerToken() {
        BearerTokens clientsOnly = BearerTokens.of(List.of(CLIENT), null);

        assertThat(clientsOnly.refusal(Access.PEER, "Bearer " + CLIENT)).extracting(HttpAnswer::status).isEqualTo(403);
        assertThat(clientsOnly.refusal(Access.CLIENT, "Bearer " + CLIENT)).isNull();
        assertThat(BearerTokens.NONE.refusal(Access.PEER, null)).as("loopback without tokens stays open").isNull();
    }

    @Test
    @DisplayName("binding beyond loopback without a client token is refused in one line naming the setting")
    void bindingNeedsToken() {
        assertThatThrownBy(() -> HttpBinding.tokens("0.0.0.0", List.of(), PEER))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("burnwatch.http.auth.tokens").hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("\n").hasMessageNotContaining(PEER);
        assertThat(HttpBinding.tokens("0.0.0.0", List.of(CLIENT), null).required()).isTrue();
        assertThat(HttpBinding.tokens("127.0.0.1", List.of(), null).required()).isFalse();
        assertThat(HttpBinding.tokens("localhost", List.of(), null).required()).isFalse();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
