package io.burnwatch.streams.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.Resolution;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.connect.receiver.KafkaRecordSink;
import io.burnwatch.streams.connect.receiver.ReceiverServer;
import io.burnwatch.streams.connect.receiver.ReceiverSettings;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connected path as production runs it, on a real broker: Claude Code's OTLP log batches and a GitHub push
 * reach the receiver over HTTP, the app maps them to usage and outcomes, an agent session looping with nothing to
 * show opens an IDLE_LOOP alert, and the pushed commit that names the session in its trailers resolves it.
 */
@DisplayName("Connected sources on a real broker: OTLP telemetry opens an IDLE_LOOP alert, a signed GitHub push resolves it")
class ConnectedSourcesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OTLP_TOKEN = "otlp-token-5f0c1d2e3b4a69788796a5b4";
    private static final String GITHUB_SECRET = "burnwatch-webhook-secret-7d1e";
    private static final String EMAIL = "Erin.Lopez@Acme.example";
    private static final String USER = "erin.lopez@acme.example";
    private static final String SESSION = UUID.randomUUID().toString();
    private static final String REPO = "acme/ledger";
    private static final String MODEL = "claude-sonnet-4-5-20250929";
    private static final Duration EVERY = Duration.ofSeconds(10);
    private static final int CALLS = 30;
    /** The loop's first call, so that its last one (at 290 s) is a minute before the test starts. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(350);

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static BurnwatchConfig config;
    private static BurnwatchService service;
    private static KafkaRecordSink sink;
    private static ReceiverServer receiver;
    private static TopicReader<String, Alert> alerts;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        config = BurnwatchConfig.of(Map.ofEntries(
                Map.entry("bootstrap.servers", broker.bootstrapServers()),
                Map.entry("schema.registry.url", registry.url()),
                Map.entry("state.dir", dir.resolve("state").toString()),
                Map.entry("burnwatch.http.port", "0"),
                Map.entry("burnwatch.topic.partitions", "2"),
                // As IdleAlertRestartIT: 10 cents every 10 s crosses $1.95 at the 20th call, past a one-minute
                // patience, and the alert opens once that burn is confirmed a minute later (250 s).
                Map.entry(BurnwatchSettings.IDLE_MIN_COST_USD, "1.95"),
                Map.entry(BurnwatchSettings.IDLE_PATIENCE, "1m"),
                // The idle detector holds calls and outcomes for this much wall clock before it applies them in
                // event-time order; the default 5 minutes would hold both the OPEN and the resolving commit that
                // long. 2 s keeps the production path through the hold and the test within seconds.
                Map.entry(BurnwatchSettings.IDLE_OUTCOME_DELAY, "2s"),
                Map.entry(BurnwatchSettings.RECEIVER_HOST, "127.0.0.1"),
                Map.entry(BurnwatchSettings.RECEIVER_PORT, "0"),
                Map.entry(BurnwatchSettings.RECEIVER_OTLP_TOKENS, OTLP_TOKEN),
                Map.entry(BurnwatchSettings.RECEIVER_GITHUB_SECRET, GITHUB_SECRET)));
        try (Admin admin = Admin.create(config.adminConfig())) {
            new BurnwatchTopics(config).ensure(admin);
        }
        service = BurnwatchService.start(config);
        // The receiver as its command serves it, from the same settings.
        ReceiverSettings settings = ReceiverSettings.of(config);
        settings.requireCredentialBeyondLoopback();
        sink = KafkaRecordSink.create(config, settings);
        receiver = ReceiverServer.start(settings, config, sink);
        alerts = new TopicReader<>(broker.bootstrapServers(), config.alertsTopic(), new StringDeserializer(),
                new SpecificAvroDeserializer<>(Alert.class, SchemaRegistries.forUrl(registry.url(), null)));
        Await.until(WAIT, "the app to run", () -> service.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {alerts, receiver, sink, service, registry, broker}) {
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
    @DisplayName("a looping Claude Code session sent over OTLP opens IDLE_LOOP; a forged push is refused 401 and"
            + " changes nothing; the signed push of its commit naming the session resolves it OUTCOME")
    void telemetryOpensAndSignedPushResolves() throws Exception {
        // Claude Code exports its events in batches: three of ten api_request records each.
        for (int from = 0; from < CALLS; from += 10) {
            HttpResponse<String> sent = post(ReceiverServer.LOGS, batch(from, from + 10).toByteArray(),
                    "Authorization", "Bearer " + OTLP_TOKEN, "Content-Type", "application/x-protobuf");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }

        Alert open = idleAlert(AlertStatus.OPEN);
        assertThat(open.getUserId()).isEqualTo(USER);
        assertThat(open.getTeamId()).isEqualTo("ledger");
        assertThat(open.getRepo()).isEqualTo(REPO);
        assertThat(open.getClient()).isEqualTo("claude-code");
        assertThat(open.getModels()).as("by canonical name").containsExactly("claude-sonnet-4-5");
        assertThat(open.getTs()).isAfter(T0).isBefore(Instant.now());

        // The agent commits, after the alert's crossing, in another repo than the session's: only the session
        // trailer ties the commit to the session. GitHub sends the committer's local offset.
        Instant committed = open.getTs().plusSeconds(30);
        String sha = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), 0, 20);
        byte[] push = push(sha, committed);

        String forged = "sha256=" + hmac("not-the-secret".getBytes(StandardCharsets.UTF_8), push);
        HttpResponse<String> refused = post(ReceiverServer.GITHUB, push, "Content-Type", "application/json",
                "X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", forged);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);

        String delivery = UUID.randomUUID().toString();
        HttpResponse<String> accepted = post(ReceiverServer.GITHUB, push, "Content-Type", "application/json",
                "User-Agent", "GitHub-Hookshot/0f1e2d3", "X-GitHub-Event", "push", "X-GitHub-Delivery", delivery,
                "X-GitHub-Hook-ID", "512345678", "X-Hub-Signature-256",
                "sha256=" + hmac(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), push));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        Alert resolved = idleAlert(AlertStatus.RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
        assertThat(resolved.getTs()).isEqualTo(committed);
        assertThat(resolved.getLastOutcomeTs()).isEqualTo(committed);

        // The forged delivery reached no topic: the one delivery and its one commit are the signed push's.
        assertThat(read(config.webhooksTopic(), new ByteArrayDeserializer(), 1))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(delivery);
        try (var outcomes = new TopicReader<>(broker.bootstrapServers(), config.outcomesTopic(), new StringDeserializer(),
                new SpecificAvroDeserializer<>(OutcomeEvent.class, SchemaRegistries.forUrl(registry.url(), null)))) {
            List<ConsumerRecord<String, OutcomeEvent>> read = outcomes.readUntil(WAIT, "the commit on the outcomes topic",
                    records -> !records.isEmpty());
            assertThat(read).extracting(ConsumerRecord::key).containsExactly(USER);
            OutcomeEvent commit = read.get(0).value();
            assertThat(commit.getEventId()).isEqualTo("commit:" + sha);
            assertThat(commit.getKind()).isEqualTo(OutcomeKind.COMMIT);
            assertThat(commit.getSessionId()).isEqualTo(SESSION);
            assertThat(commit.getTs()).isEqualTo(committed);
        }
    }

    /** The session's IDLE_LOOP alert in {@code status}, awaited on the alerts topic. */
    private static Alert idleAlert(AlertStatus status) {
        List<ConsumerRecord<String, Alert>> read = alerts.readUntil(WAIT, "the session's " + status + " IDLE_LOOP alert",
                records -> find(records, status).isPresent());
        return find(read, status).orElseThrow();
    }

    private static Optional<Alert> find(List<ConsumerRecord<String, Alert>> records, AlertStatus status) {
        return records.stream().map(ConsumerRecord::value)
                .filter(a -> a.getKind() == AlertKind.IDLE_LOOP && SESSION.equals(a.getSessionId())
                        && a.getStatus() == status)
                .findFirst();
    }

    private static <V> List<ConsumerRecord<byte[], V>> read(String topic,
                                                          org.apache.kafka.common.serialization.Deserializer<V> values,
                                                          int atLeast) {
        try (TopicReader<byte[], V> reader = new TopicReader<>(broker.bootstrapServers(), topic,
                new ByteArrayDeserializer(), values)) {
            return reader.readUntil(WAIT, atLeast + " records on " + topic, records -> records.size() >= atLeast);
        }
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(receiver.url() + path)).headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- what Claude Code and GitHub send

    /**
     * Claude Code's api_request events {@code from} to {@code to} of the loop, as its OTLP exporter batches them: the
     * resource attributes from {@code OTEL_RESOURCE_ATTRIBUTES}, every event with the session, the user's email,
     * the full name in the body and the bare one in {@code event.name}. Each call re-reads a large cached context,
     * writes 20,000 tokens of input and 5,000 of output, for 10 cents.
     */
    private static ExportLogsServiceRequest batch(int from, int to) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Instant at = T0.plus(EVERY.multipliedBy(i));
            records.add(LogRecord.newBuilder()
                    .setTimeUnixNano(at.getEpochSecond() * 1_000_000_000L)
                    .setObservedTimeUnixNano(at.getEpochSecond() * 1_000_000_000L + 5_000_000L)
                    .setBody(text("claude_code.api_request"))
                    .addAttributes(attribute("user.id", text("b7e1c9a04d2f")))
                    .addAttributes(attribute("session.id", text(SESSION)))
                    .addAttributes(attribute("organization.id", text("org-acme")))
                    .addAttributes(attribute("user.email", text(EMAIL)))
                    .addAttributes(attribute("terminal.type", text("non-interactive")))
                    .addAttributes(attribute("event.name", text("api_request")))
                    .addAttributes(attribute("event.timestamp", text(DateTimeFormatter.ISO_INSTANT.format(at))))
                    .addAttributes(attribute("event.sequence", AnyValue.newBuilder().setIntValue(i).build()))
                    .addAttributes(attribute("model", text(MODEL)))
                    .addAttributes(attribute("cost_usd", AnyValue.newBuilder().setDoubleValue(0.1).build()))
                    .addAttributes(attribute("duration_ms", AnyValue.newBuilder().setIntValue(9_400).build()))
                    .addAttributes(attribute("input_tokens", AnyValue.newBuilder().setIntValue(20_000).build()))
                    .addAttributes(attribute("output_tokens", AnyValue.newBuilder().setIntValue(5_000).build()))
                    .addAttributes(attribute("cache_read_tokens", AnyValue.newBuilder().setIntValue(75_000).build()))
                    .addAttributes(attribute("cache_creation_tokens", AnyValue.newBuilder().setIntValue(0).build()))
                    .addAttributes(attribute("request_id", text("req_" + UUID.randomUUID().toString().replace("-", ""))))
                    .build());
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(attribute("service.name", text("claude-code")))
                                .addAttributes(attribute("service.version", text("2.0.14")))
                                .addAttributes(attribute("team.id", text("ledger")))
                                .addAttributes(attribute("repo", text(REPO))))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("com.anthropic.claude_code.events")
                                        .setVersion("2.0.14"))
                                .addAllLogRecords(records)))
                .build();
    }

    /** A GitHub push of one commit by the telemetry's email, whose trailers name Claude and the session. */
    private static byte[] push(String sha, Instant committed) {
        String timestamp = committed.atOffset(ZoneOffset.ofHours(2)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String before = "1d2c3b4a59687766554433221100ffeeddccbbaa";
        String commit = """
                {
                  "id": "%1$s",
                  "tree_id": "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
                  "distinct": true,
                  "message": "Reconcile ledger entries in one pass\\n\\nCo-Authored-By: Claude <noreply@anthropic.com>\\nClaude-Session: %2$s",
                  "timestamp": "%3$s",
                  "url": "https://github.com/acme/ledger-tools/commit/%1$s",
                  "author": {"name": "Erin Lopez", "email": "%4$s", "username": "erin-lopez"},
                  "committer": {"name": "Erin Lopez", "email": "%4$s", "username": "erin-lopez"},
                  "added": [],
                  "removed": [],
                  "modified": ["src/reconcile.py"]
                }""".formatted(sha, SESSION, timestamp, EMAIL);
        return """
                {
                  "ref": "refs/heads/reconcile-one-pass",
                  "before": "%1$s",
                  "after": "%2$s",
                  "created": false,
                  "deleted": false,
                  "forced": false,
                  "base_ref": null,
                  "compare": "https://github.com/acme/ledger-tools/compare/%1$s...%2$s",
                  "commits": [%3$s],
                  "head_commit": %3$s,
                  "repository": {
                    "id": 81234599,
                    "name": "ledger-tools",
                    "full_name": "acme/ledger-tools",
                    "private": true,
                    "owner": {"name": "acme", "email": null, "login": "acme", "id": 1234567, "type": "Organization"},
                    "html_url": "https://github.com/acme/ledger-tools",
                    "default_branch": "main",
                    "pushed_at": %4$d
                  },
                  "pusher": {"name": "erin-lopez", "email": "%5$s"},
                  "sender": {"login": "erin-lopez", "id": 7654399, "type": "User"}
                }
                """.formatted(before, sha, commit, Instant.now().getEpochSecond(), EMAIL).getBytes(StandardCharsets.UTF_8);
    }

    /** GitHub's X-Hub-Signature-256 value without its prefix: the HMAC-SHA256 of the raw body, in hex. */
    private static String hmac(byte[] secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static AnyValue text(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
