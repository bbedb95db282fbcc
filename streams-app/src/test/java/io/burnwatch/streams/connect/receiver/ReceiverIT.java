package io.burnwatch.streams.connect.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.connect.webhook.WebhookHeaders;
import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The receiver as its command runs it, on a real broker: what it answers 200 is on the topics, as sent. */
@DisplayName("The receiver on a real broker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceiverIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OTLP_TOKEN = ReceiverHttpTest.OTLP_TOKEN;
    private static final String GITHUB_SECRET = ReceiverHttpTest.GITHUB_SECRET;

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static BurnwatchConfig config;
    private static ReceiverApp app;
    private static CompletableFuture<Integer> exit;
    private static String url;
    private static final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        config = BurnwatchConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "burnwatch.topic.partitions", "3"));
        try (Admin admin = Admin.create(config.adminConfig())) {
            new BurnwatchTopics(config).ensure(admin);
        }
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "BURNWATCH_RECEIVER_OTLP_TOKENS", OTLP_TOKEN,
                "BURNWATCH_RECEIVER_GITHUB_SECRET", GITHUB_SECRET,
                "BURNWATCH_RECEIVER_SEND_TIMEOUT", "3s");
        app = new ReceiverApp(env, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        exit = CompletableFuture.supplyAsync(() -> ReceiverApp.command(app, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)).execute("--port", "0"));
        url = Await.until(WAIT, "the receiver to listen", () -> {
            if (exit.isDone()) {
                throw new IllegalStateException("the receiver stopped: " + err);
            }
            return app.url();
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
            assertThat(exit.get()).isZero();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        try (TopicReader<byte[], byte[]> reader = new TopicReader<>(broker.bootstrapServers(), topic,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return reader.readUntil(WAIT, count + " records on " + topic, records -> records.size() >= count);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    @DisplayName("a signed GitHub delivery is on the webhooks topic, keyed by its delivery id, with its headers and raw bytes")
    void githubDelivery() throws Exception {
        byte[] payload = ("{\"ref\":\"refs/heads/main\",\"after\":\"6d7db9e\",\"pusher\":{\"name\":\"erin\"},"
                + "\"repository\":{\"full_name\":\"acme/payments\"}}").getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignatures.github(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), payload);

        HttpResponse<String> unsigned = post(ReceiverServer.GITHUB, payload, "X-GitHub-Event", "push",
                "X-GitHub-Delivery", "d-unsigned", "X-Hub-Signature-256", signature.replace('a', 'b'));
        HttpResponse<String> signed = post(ReceiverServer.GITHUB, payload, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-GitHub-Delivery", "3a1c7a50-d3a8-11f0-8a3e-5d6f1c2b9e01",
                "X-Hub-Signature-256", signature);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        ConsumerRecord<byte[], byte[]> record = read(config.webhooksTopic(), 1).get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("3a1c7a50-d3a8-11f0-8a3e-5d6f1c2b9e01");
        assertThat(record.value()).isEqualTo(payload);
        assertThat(header(record, WebhookHeaders.VENDOR)).isEqualTo("github");
        assertThat(header(record, WebhookHeaders.EVENT)).isEqualTo("push");
        assertThat(header(record, WebhookHeaders.DELIVERY)).isEqualTo("3a1c7a50-d3a8-11f0-8a3e-5d6f1c2b9e01");
    }

    @Test
    @Order(2)
    @DisplayName("an OTLP gzip protobuf batch is on the OTLP logs topic, unpacked, with no key and its content type")
    void otlpBatch() throws Exception {
        byte[] logs = ReceiverHttpTest.logs().toByteArray();

        HttpResponse<String> response = post(ReceiverServer.LOGS, ReceiverHttpTest.gzip(logs),
                "Authorization", "Bearer " + OTLP_TOKEN, "Content-Type", "application/x-protobuf",
                "Content-Encoding", "gzip");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ConsumerRecord<byte[], byte[]> record = read(config.otlpLogsTopic(), 1).get(0);
        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo(logs);
        assertThat(header(record, ReceiverHeaders.CONTENT_TYPE)).isEqualTo("application/x-protobuf");
    }

    @Test
    @Order(3)
    @DisplayName("with the broker gone, a request is answered 503 within the send timeout, for the sender to retry")
    void brokerGone() throws Exception {
        broker.close();
        broker = null;
        long started = System.nanoTime();

        HttpResponse<String> response = post(ReceiverServer.LOGS, ReceiverHttpTest.logs().toByteArray(),
                "Authorization", "Bearer " + OTLP_TOKEN, "Content-Type", "application/x-protobuf");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
