package io.burnwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.http.HealthServer;
import io.burnwatch.streams.http.StreamsStatus;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.topology.BurnwatchTopology;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query endpoints' parameters and errors, on an instance whose Kafka Streams has not started. */
@DisplayName("Query endpoints over HTTP")
class QueryHandlerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    private KafkaStreams streams;
    private HealthServer http;

    @BeforeEach
    void serve() throws Exception {
        BurnwatchConfig config = BurnwatchConfig.of(Map.of("schema.registry.url", "mock://" + UUID.randomUUID(),
                "state.dir", stateDir.toString()));
        streams = new KafkaStreams(BurnwatchTopology.build(config, BurnwatchSerdes.from(config)), config.streamsProperties());
        http = HealthServer.start("127.0.0.1", 0, () -> new StreamsStatus(streams.state(), 0));
        LocalQueries local = new LocalQueries(QueryStores.of(streams), Clock.systemUTC(), 30);
        QueryHandler handler = new QueryHandler(new ClusterQueries(streams, new HostInfo("127.0.0.1", http.port()), local, 5));
        QueryHandler.PATHS.forEach((path, access) -> http.route(path, access, handler));
    }

    @AfterEach
    void stop() {
        http.close();
        streams.close();
    }

    @Test
    @DisplayName("a store not queryable yet answers 503 with Retry-After and a JSON message")
    void notQueryableYet() throws Exception {
        for (String path : new String[] {"/users/alice", "/alerts", "/leaderboard", "/internal/alerts"}) {
            HttpResponse<String> response = get(path, "GET");
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("2");
            JsonNode error = new ObjectMapper().readTree(response.body());
            assertThat(error.get("status").asInt()).isEqualTo(503);
            assertThat(error.get("message").asText()).as(path).isNotBlank();
        }
    }

    @Test
    @DisplayName("a bad parameter answers 400 naming it, before any store is read")
    void badParameters() throws Exception {
        assertError("/leaderboard?period=week", 400, "Bad parameter period=week: only day (the current UTC day) is supported");
        assertError("/leaderboard?by=likes", 400, "Bad parameter by=likes: one of cost, tokens, cost_per_merged_pr");
        assertError("/leaderboard?limit=101", 400, "Bad parameter limit=101: a whole number from 1 to 100");
        assertError("/leaderboard?limit=ten", 400, "Bad parameter limit=ten: a whole number from 1 to 100");
        assertError("/alerts?status=RESOLVED", 400,
                "Bad parameter status=RESOLVED: only OPEN is served here; resolved alerts are on the alerts topic");
        assertError("/internal/leaderboard?by=cost&day=yesterday", 400, "Bad parameter day=yesterday: a date such as 2026-03-02");
    }

    @Test
    @DisplayName("an unknown endpoint answers 404 and another method 405, in JSON")
    void unknownEndpointAndMethod() throws Exception {
        assertError("/users/", 404, "No such endpoint /users/: try /users/{id}, /alerts?status=OPEN or /leaderboard?period=day&by=cost");
        HttpResponse<String> post = get("/alerts", "DELETE");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    @DisplayName("malformed percent-encoding answers 400 in JSON, wherever it is, never an HTML page")
    void malformedPercentEncoding() throws Exception {
        for (String target : new String[] {"/users/%zz", "/users/alice%", "/leaderboard?by=%zz", "/nothing/%zz"}) {
            String response = raw(target);
            assertThat(response).as(target).startsWith("HTTP/1.1 400 ");
            assertThat(response).as(target).containsIgnoringCase("Content-Type: application/json; charset=utf-8");
            JsonNode error = new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(error.get("status").asInt()).as(target).isEqualTo(400);
            assertThat(error.get("message").asText()).as(target).isNotBlank().doesNotContain("Exception");
        }
    }

    /** The whole response to a GET of {@code target} sent as is, since java.net.URI refuses malformed escapes. */
    private String raw(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: burnwatch\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void assertError(String path, int status, String message) throws Exception {
        HttpResponse<String> response = get(path, "GET");
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(new ObjectMapper().readTree(response.body()))
                .isEqualTo(new ObjectMapper().readTree("{\"status\": " + status + ", \"message\": \"" + message + "\"}"));
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http.url() + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
