package io.burnwatch.streams.query;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one application on a real broker split the partitions and answer queries alike. */
@DisplayName("Queries across two instances on a real broker")
class QueryScaleOutIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 6;
    private static final List<String> USERS = IntStream.rangeClosed(1, 8).mapToObj(i -> "user-" + i).toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // Both instances need tokens: the peers must authenticate to each other for the answers to agree.
    private static final String CLIENT_TOKEN = "scale-out-client-token-0123456789";
    private static final String PEER_TOKEN = "scale-out-peer-token-0123456789";

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static BurnwatchService first;
    private static BurnwatchService second;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        try (Admin admin = Admin.create(config("first").adminConfig())) {
            new BurnwatchTopics(config("first")).ensure(admin);
        }
        first = BurnwatchService.start(config("first"));
        second = BurnwatchService.start(config("second"));
    }

    private static BurnwatchConfig config(String instance) {
        return BurnwatchConfig.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "application.id", "burnwatch-scale-out",
                "state.dir", dir.resolve("state-" + instance).toString(),
                "burnwatch.http.port", "0",
                "burnwatch.http.auth.tokens", CLIENT_TOKEN,
                "burnwatch.http.auth.peer.token", PEER_TOKEN,
                "burnwatch.topic.partitions", Integer.toString(PARTITIONS),
                // The looper's 30 calls alert within its five minutes, and without a five-minute hold.
                "burnwatch.idle.patience", "1m",
                "burnwatch.idle.outcome.delay", "2s"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {second, first, registry, broker}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    @DisplayName("each instance owns some users; users, alerts and the leaderboard answer the same from either, peers"
            + " authenticating to each other; the survivor takes over")
    void scaleOut() throws Exception {
        Await.until(WAIT, "both instances to run", () -> first.state() == KafkaStreams.State.RUNNING
                && second.state() == KafkaStreams.State.RUNNING);
        // Today in UTC, a minute ago: what the day's windows and the idle window both hold.
        Instant ts = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url())) {
            for (int user = 0; user < USERS.size(); user++) {
                for (int i = 0; i <= user; i++) {
                    send(producer, call(USERS.get(user), "s-" + user, ts.plusMillis(i)).setInputTokens(1_000).build());
                }
            }
            for (int i = 0; i < 30; i++) {
                send(producer, call("looper", "s-loop", ts.minusSeconds(300).plusSeconds(10L * i)).setInputTokens(20_000)
                        .setOutputTokens(5_000).setCacheReadTokens(75_000).build());
            }
            producer.flush();
        }
        String board = "/leaderboard?period=day&by=tokens&limit=3";
        JsonNode leaderboard = Await.until(WAIT, "every call on the leaderboard", () -> {
            JsonNode answer = json(first, board, 200);
            return answer != null && answer.get("ranked").asInt() == USERS.size() + 1
                    && answer.get("entries").get(0).get("tokens").asLong() == 30 * 100_000 ? answer : null;
        });

        int firstOwns = part(first).get("ranked").asInt();
        int secondOwns = part(second).get("ranked").asInt();
        assertThat(firstOwns).as("users on the first instance").isPositive();
        assertThat(secondOwns).as("users on the second instance").isPositive();
        assertThat(firstOwns + secondOwns).isEqualTo(USERS.size() + 1);
        assertThat(status(first, "/internal/leaderboard?day=" + LocalDate.now(ZoneOffset.UTC) + "&by=tokens&limit=1",
                CLIENT_TOKEN)).as("a client's token on a peers' endpoint").isEqualTo(403);
        assertThat(status(second, board, null)).as("no token").isEqualTo(401);
        assertThat(status(second, board, "wrong-" + CLIENT_TOKEN)).as("a wrong token").isEqualTo(401);
        assertThat(status(second, "/health/live", null)).as("health without a token").isEqualTo(200);

        assertThat(leaderboard.get("entries")).extracting(entry -> entry.get("user_id").asText())
                .containsExactly("looper", "user-8", "user-7");
        assertThat(json(second, board, 200)).isEqualTo(leaderboard);
        JsonNode alerts = Await.until(WAIT, "the looper's alert", () -> {
            JsonNode answer = json(first, "/alerts?status=OPEN", 200);
            return answer != null && answer.get("count").asInt() == 1 ? answer : null;
        });
        assertThat(alerts.get("alerts").get(0).get("user_id").asText()).isEqualTo("looper");
        assertThat(json(second, "/alerts?status=OPEN", 200)).isEqualTo(alerts);

        for (int user = 0; user < USERS.size(); user++) {
            String path = "/users/" + USERS.get(user);
            // A user's burning sessions move as held calls are released, so wait until both answers agree.
            JsonNode status = Await.until(WAIT, "the same answer for " + path + " from both instances", () -> {
                JsonNode answer = json(first, path, 200);
                return answer != null && answer.equals(json(second, path, 200)) ? answer : null;
            });
            assertThat(status.get("requests").asInt()).isEqualTo(user + 1);
            assertThat(status.get("tokens").get("input").asLong()).isEqualTo((user + 1) * 1_000L);
        }
        assertThat(json(second, "/users/nobody", 404).get("message").asText()).contains("nobody");
        assertThat(json(first, "/leaderboard?by=likes", 400).get("message").asText()).contains("by=likes");
        assertThat(json(second, "/leaderboard?limit=0", 400).get("message").asText()).contains("limit=0");

        second.close();
        Await.until(WAIT, "the first instance to own every user", () -> {
            JsonNode answer = first.state() == KafkaStreams.State.RUNNING ? json(first, board, 200) : null;
            return answer != null && answer.equals(leaderboard) && part(first).get("ranked").asInt() == USERS.size() + 1;
        });
        for (int user = 0; user < USERS.size(); user++) {
            JsonNode status = json(first, "/users/" + USERS.get(user), 200);
            assertThat(status.get("tokens").get("input").asLong()).isEqualTo((user + 1) * 1_000L);
        }
        assertThat(json(first, "/alerts?status=OPEN", 200)).isEqualTo(alerts);
    }

    private static JsonNode part(BurnwatchService instance) {
        return json(instance, "/internal/leaderboard?day=" + LocalDate.now(ZoneOffset.UTC)
                + "&by=tokens&limit=1", 200);
    }

    private static int status(BurnwatchService instance, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.httpUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The answer's JSON if it has {@code status}; null if it has another (e.g. 503 while rebalancing). Asks as a
     * client, or as a peer for the internal endpoints.
     */
    private static JsonNode json(BurnwatchService instance, String path, int status) {
        try {
            String token = path.startsWith("/internal/") ? PEER_TOKEN : CLIENT_TOKEN;
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.httpUrl() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                return null;
            }
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, UsageEvent call) throws Exception {
        producer.send(new ProducerRecord<>("burnwatch.usage", call.getUserId(), call)).get();
    }
}
