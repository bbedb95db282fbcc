package io.burnwatch.streams.connect.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.burnwatch.streams.connect.webhook.WebhookHeaders;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The receiver over HTTP")
class ReceiverHttpTest {

    static final String OTLP_TOKEN = "otlp-token-0123456789abcdef";
    static final String GITHUB_SECRET = "It's a Secret to Everybody";
    static final String GITLAB_TOKEN = "gitlab-token-0123456789abcdef";
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<ProducerRecord<byte[], byte[]>> written = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile RecordSink.SendFailure failure;
    // One server for the class: a stop waits for its connections to wind down.
    private static ReceiverServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = start(Map.of(
                "burnwatch.receiver.otlp.tokens", "another-token-0123456789, " + OTLP_TOKEN,
                "burnwatch.receiver.github.secret", GITHUB_SECRET,
                "burnwatch.receiver.gitlab.token", GITLAB_TOKEN));
    }

    @BeforeEach
    void clear() {
        written.clear();
        failure = null;
    }

    private static ReceiverServer start(Map<String, String> credentials) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(credentials);
        settings.put("burnwatch.receiver.port", "0");
        settings.put("burnwatch.receiver.max.request.bytes", Integer.toString(MAX_BYTES));
        BurnwatchConfig config = BurnwatchConfig.of(settings);
        return ReceiverServer.start(ReceiverSettings.of(config), config, record -> {
            if (failure != null) {
                throw failure;
            }
            written.add(record);
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ExportLogsServiceRequest logs() {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "claude-code")))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                        .setTimeUnixNano(1_765_000_000_000_000_000L)
                        .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                        .addAttributes(attribute("user.email", "erin@example.com"))
                        .addAttributes(attribute("model", "claude-sonnet-4-5"))
                        .addAttributes(attribute("input_tokens", "1200")))))
                .build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws Exception {
        return post(server, path, body, headers);
    }

    private HttpResponse<byte[]> post(ReceiverServer to, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.url() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> postLogs(byte[] body, String... headers) throws Exception {
        return post(ReceiverServer.LOGS, body, headers);
    }

    private static JsonNode error(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception", "\tat ", "at io.", "at com.");
        JsonNode error = JSON.readTree(body);
        assertThat(error.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("POST /v1/logs")
    class Logs {

        @Test
        @DisplayName("a protobuf batch with a bearer token is written as one record, and answered with an empty protobuf response")
        void protobuf() throws Exception {
            byte[] body = logs().toByteArray();

            HttpResponse<byte[]> response = postLogs(body, "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
            assertThat(ExportLogsServiceResponse.parseFrom(response.body())).isEqualTo(ExportLogsServiceResponse.getDefaultInstance());
            assertThat(written).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo("burnwatch.otlp.logs");
                assertThat(record.key()).isNull();
                assertThat(record.value()).isEqualTo(body);
                assertThat(header(record, ReceiverHeaders.CONTENT_TYPE)).isEqualTo("application/x-protobuf");
            });
        }

        @Test
        @DisplayName("a JSON batch (unknown fields allowed) is written as sent and answered with {} in JSON")
        void json() throws Exception {
            String json = JsonFormat.printer().print(logs());
            byte[] body = json.replaceFirst("\\{", "{\"futureField\": 1,").getBytes(StandardCharsets.UTF_8);

            HttpResponse<byte[]> response = postLogs(body, "Authorization", "bearer " + OTLP_TOKEN,
                    "Content-Type", "application/json; charset=utf-8");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
            assertThat(written).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(body);
                assertThat(header(record, ReceiverHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            });
        }

        @Test
        @DisplayName("OTLP/JSON as exporters write it (hex trace and span ids, enums as numbers, 64-bit integers as strings) is accepted")
        void exporterJson() throws Exception {
            byte[] body = ("{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                    + "\"value\":{\"stringValue\":\"claude-code\"}}]},\"scopeLogs\":[{\"scope\":{\"name\":"
                    + "\"com.anthropic.claude_code.events\",\"version\":\"2.0.0\"},\"logRecords\":[{\"timeUnixNano\":"
                    + "\"1765000000000000000\",\"severityNumber\":9,\"severityText\":\"INFO\",\"body\":{\"stringValue\":"
                    + "\"claude_code.api_request\"},\"attributes\":[{\"key\":\"input_tokens\",\"value\":{\"intValue\":"
                    + "\"1200\"}},{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":0.0123}}],\"droppedAttributesCount\":0,"
                    + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\"}]}]}]}")
                    .getBytes(StandardCharsets.UTF_8);

            HttpResponse<byte[]> response = postLogs(body, "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/json");

            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(written).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(body));
        }

        @Test
        @DisplayName("a gzip body is written unpacked")
        void gzipped() throws Exception {
            byte[] body = logs().toByteArray();

            HttpResponse<byte[]> response = postLogs(gzip(body), "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf", "Content-Encoding", "gzip");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(written).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(body));
        }

        @Test
        @DisplayName("without a bearer token, or with a wrong one, the answer is 401 and nothing is written")
        void unauthorized() throws Exception {
            byte[] body = logs().toByteArray();

            HttpResponse<byte[]> none = postLogs(body, "Content-Type", "application/x-protobuf");
            HttpResponse<byte[]> wrong = postLogs(body, "Authorization", "Bearer not-the-token-0123456789",
                    "Content-Type", "application/x-protobuf");
            HttpResponse<byte[]> basic = postLogs(body, "Authorization", "Basic " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf");

            for (HttpResponse<byte[]> response : List.of(none, wrong, basic)) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
                error(response);
            }
            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("a body that is not an ExportLogsServiceRequest gets 400 with a JSON error and no stack trace")
        void badBody() throws Exception {
            HttpResponse<byte[]> protobuf = postLogs("this is not protobuf".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + OTLP_TOKEN, "Content-Type", "application/x-protobuf");
            HttpResponse<byte[]> json = postLogs("{\"resourceLogs\": 7".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + OTLP_TOKEN, "Content-Type", "application/json");
            HttpResponse<byte[]> notGzip = postLogs(logs().toByteArray(), "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf", "Content-Encoding", "gzip");

            for (HttpResponse<byte[]> response : List.of(protobuf, json, notGzip)) {
                assertThat(response.statusCode()).isEqualTo(400);
                error(response);
            }
            assertThat(error(protobuf).path("message").asText()).contains("ExportLogsServiceRequest");
            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("other content types and encodings get 415")
        void unsupportedType() throws Exception {
            HttpResponse<byte[]> text = postLogs(logs().toByteArray(), "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "text/plain");
            HttpResponse<byte[]> brotli = postLogs(logs().toByteArray(), "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf", "Content-Encoding", "br");

            assertThat(text.statusCode()).isEqualTo(415);
            assertThat(brotli.statusCode()).isEqualTo(415);
            error(text);
            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("a body that unpacks beyond the cap gets 413")
        void gzipBomb() throws Exception {
            byte[] zeros = gzip(new byte[MAX_BYTES + 1]);
            assertThat(zeros.length).isLessThan(MAX_BYTES);

            HttpResponse<byte[]> response = postLogs(zeros, "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf", "Content-Encoding", "gzip");

            assertThat(response.statusCode()).isEqualTo(413);
            error(response);
            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("a body declared larger than the cap gets 413 before it is read")
        void oversize() throws Exception {
            // On a raw socket: the refused body is never sent, so a closed connection cannot hide the answer.
            String answer = raw("POST /v1/logs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + OTLP_TOKEN
                    + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: " + (MAX_BYTES + 1) + "\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"status\":413");
            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("a chunked body larger than the cap gets 413 once the cap is read, and nothing is written")
        void oversizeChunked() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + ReceiverServer.LOGS))
                    .header("Authorization", "Bearer " + OTLP_TOKEN).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[MAX_BYTES + 1])))
                    .build();

            try {
                assertThat(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(413);
            } catch (IOException closedWhileSending) {
                // The server may close the connection before the client has sent the rest and read the answer.
            }

            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("a record Kafka does not take gets 503 with Retry-After, which exporters retry")
        void kafkaDown() throws Exception {
            failure = new RecordSink.SendFailure(503, "Kafka did not take the record: retry later");

            HttpResponse<byte[]> response = postLogs(logs().toByteArray(), "Authorization", "Bearer " + OTLP_TOKEN,
                    "Content-Type", "application/x-protobuf");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            error(response);
        }
    }

    @Nested
    @DisplayName("POST /webhooks/github")
    class Github {

        private final byte[] payload = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);

        private HttpResponse<byte[]> deliver(byte[] body, String signature) throws Exception {
            List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json",
                    "X-GitHub-Event", "ping", "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
            if (signature != null) {
                headers.addAll(List.of("X-Hub-Signature-256", signature));
            }
            return post(ReceiverServer.GITHUB, body, headers.toArray(String[]::new));
        }

        @Test
        @DisplayName("a signed delivery, ping too, is written raw, keyed by its delivery id, with vendor, event and delivery headers")
        void signed() throws Exception {
            String signature = WebhookSignatures.github(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), payload);

            HttpResponse<byte[]> response = deliver(payload, signature);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(written).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo("burnwatch.webhooks");
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
                assertThat(record.value()).isEqualTo(payload);
                assertThat(header(record, WebhookHeaders.VENDOR)).isEqualTo("github");
                assertThat(header(record, WebhookHeaders.EVENT)).isEqualTo("ping");
                assertThat(header(record, WebhookHeaders.DELIVERY)).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
                assertThat(header(record, ReceiverHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            });
        }

        @Test
        @DisplayName("GitHub's test vector passes over HTTP")
        void testVector() throws Exception {
            HttpResponse<byte[]> response = deliver("Hello, World!".getBytes(StandardCharsets.UTF_8),
                    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(written).hasSize(1);
        }

        @Test
        @DisplayName("a wrong or missing signature gets 401 and nothing is written")
        void unsigned() throws Exception {
            String other = WebhookSignatures.github("another secret, not GitHub's".getBytes(StandardCharsets.UTF_8), payload);

            HttpResponse<byte[]> wrong = deliver(payload, other);
            HttpResponse<byte[]> missing = deliver(payload, null);

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(missing.statusCode()).isEqualTo(401);
            error(wrong);
            error(missing);
            assertThat(written).isEmpty();
        }

        @Test
        @DisplayName("a signed delivery without X-GitHub-Delivery gets 400")
        void noDeliveryId() throws Exception {
            HttpResponse<byte[]> response = post(ReceiverServer.GITHUB, payload, "X-GitHub-Event", "push",
                    "X-Hub-Signature-256", WebhookSignatures.github(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), payload));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).path("message").asText()).contains("X-GitHub-Delivery");
            assertThat(written).isEmpty();
        }
    }

    @Nested
    @DisplayName("POST /webhooks/gitlab")
    class Gitlab {

        private final byte[] payload = "{\"object_kind\":\"push\",\"user_username\":\"erin\"}".getBytes(StandardCharsets.UTF_8);

        private HttpResponse<byte[]> deliver(String token) throws Exception {
            List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json",
                    "X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID", "f5fb3b3c-1b9a-4a43-a1b5-3d2c5c1a8d11"));
            if (token != null) {
                headers.addAll(List.of("X-Gitlab-Token", token));
            }
            return post(ReceiverServer.GITLAB, payload, headers.toArray(String[]::new));
        }

        @Test
        @DisplayName("a delivery with the secret token is written raw, keyed by its event UUID")
        void rightToken() throws Exception {
            HttpResponse<byte[]> response = deliver(GITLAB_TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(written).singleElement().satisfies(record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("f5fb3b3c-1b9a-4a43-a1b5-3d2c5c1a8d11");
                assertThat(record.value()).isEqualTo(payload);
                assertThat(header(record, WebhookHeaders.VENDOR)).isEqualTo("gitlab");
                assertThat(header(record, WebhookHeaders.EVENT)).isEqualTo("Push Hook");
                assertThat(header(record, WebhookHeaders.DELIVERY)).isEqualTo("f5fb3b3c-1b9a-4a43-a1b5-3d2c5c1a8d11");
            });
        }

        @Test
        @DisplayName("a wrong or missing token gets 401 and nothing is written")
        void wrongToken() throws Exception {
            HttpResponse<byte[]> wrong = deliver(GITLAB_TOKEN + "x");
            HttpResponse<byte[]> missing = deliver(null);

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(missing.statusCode()).isEqualTo(401);
            error(wrong);
            assertThat(written).isEmpty();
        }
    }

    @Test
    @DisplayName("a route whose credential is not set answers 404 naming the setting that enables it")
    void disabledRoutes() throws Exception {
        HttpResponse<byte[]> logs;
        HttpResponse<byte[]> gitlab;
        try (ReceiverServer githubOnly = start(Map.of("burnwatch.receiver.github.secret", GITHUB_SECRET))) {
            logs = post(githubOnly, ReceiverServer.LOGS, logs().toByteArray(), "Content-Type", "application/x-protobuf");
            gitlab = post(githubOnly, ReceiverServer.GITLAB, new byte[1], "X-Gitlab-Token", "anything-at-all-0123");
        }

        assertThat(logs.statusCode()).isEqualTo(404);
        assertThat(error(logs).path("message").asText()).contains("burnwatch.receiver.otlp.tokens", "BURNWATCH_RECEIVER_OTLP_TOKENS");
        assertThat(gitlab.statusCode()).isEqualTo(404);
        assertThat(error(gitlab).path("message").asText()).contains("burnwatch.receiver.gitlab.token");
    }

    @Test
    @DisplayName("stopping answers the request waiting on Kafka before the server goes")
    void gracefulStop() throws Exception {
        java.util.concurrent.CountDownLatch sending = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch acknowledged = new java.util.concurrent.CountDownLatch(1);
        BurnwatchConfig config = BurnwatchConfig.of(Map.of("burnwatch.receiver.port", "0",
                "burnwatch.receiver.otlp.tokens", OTLP_TOKEN));
        ReceiverServer stopped = ReceiverServer.start(ReceiverSettings.of(config), config, record -> {
            sending.countDown();
            try {
                acknowledged.await();
            } catch (InterruptedException e) {
                throw new RecordSink.SendFailure(503, "interrupted");
            }
            written.add(record);
        });
        var response = http.sendAsync(HttpRequest.newBuilder(URI.create(stopped.url() + ReceiverServer.LOGS))
                .header("Authorization", "Bearer " + OTLP_TOKEN).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(logs().toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sending.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        var stopping = java.util.concurrent.CompletableFuture.runAsync(stopped::close);
        Thread.sleep(300);
        acknowledged.countDown();

        assertThat(response.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        stopping.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(written).hasSize(1);
    }

    @Test
    @DisplayName("GET /health answers 200; other paths 404, other methods 405, all in JSON")
    void healthAndOthers() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> getLogs = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/logs")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> elsewhere = post("/v1/traces", new byte[1]);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(getLogs.statusCode()).isEqualTo(405);
        assertThat(getLogs.headers().firstValue("Allow")).hasValue("POST");
        error(getLogs);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        error(elsewhere);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, read);
                if (answer.toString(StandardCharsets.US_ASCII).contains("}")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }
}
