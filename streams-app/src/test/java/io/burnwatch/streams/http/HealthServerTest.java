package io.burnwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Health and status endpoints")
class HealthServerTest {

    private final AtomicReference<StreamsStatus> status = new AtomicReference<>(new StreamsStatus(State.CREATED, 0));
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        server = HealthServer.start("127.0.0.1", 0, status::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("bind to the requested address")
    void bindsToLoopback() {
        assertThat(server.url()).startsWith("http://127.0.0.1:").endsWith(":" + server.port());
        assertThat(server.port()).isPositive();
    }

    @Test
    @DisplayName("a route added while serving answers its path prefix; the rest still answer 404")
    void addedRoute() throws Exception {
        server.route("/metrics", Access.OPEN, call -> HttpAnswer.text(200, "up 1\n"));

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).isEqualTo("up 1\n");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("/health/live answers 200 whatever the state")
    void liveness() throws Exception {
        status.set(new StreamsStatus(State.REBALANCING, 0));

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/health/ready answers 503 with the state until Kafka Streams is RUNNING, then 200")
    void readiness() throws Exception {
        HttpResponse<String> starting = get("/health/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("CREATED\n");

        status.set(new StreamsStatus(State.RUNNING, 0));
        HttpResponse<String> running = get("/health/ready");
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(running.body()).isEqualTo("RUNNING\n");

        status.set(new StreamsStatus(State.ERROR, 0));
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    @DisplayName("/status reports the state and the records consumed as JSON")
    void statusJson() throws Exception {
        status.set(new StreamsStatus(State.RUNNING, 1234));

        HttpResponse<String> response = get("/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get("records_consumed").asLong()).isEqualTo(1234);
    }

    @Test
    @DisplayName("unknown paths answer 404 and other methods 405")
    void unknownPathsAndMethods() throws Exception {
        assertThat(get("/metrics").statusCode()).isEqualTo(404);

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/status"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
