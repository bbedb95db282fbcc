package io.burnwatch.streams.connect.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.connect.identity.UnmappedIdentities;
import io.burnwatch.streams.testing.PipelineDriver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpenTelemetry input")
class OtlpInputTest {

    private static final String CLAUDE_SESSION = "5b1f3e2a-6c1d-4e0b-9a57-1f0c2d3e4f50";
    private static final String COMMIT = "3f9a1c2b7d8e4f5a6b7c8d9e0f1a2b3c4d5e6f70";
    private static final Instant AT = Instant.parse("2026-03-02T10:00:05Z");

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        // Dead letters are captured by TopologyTestDriver only at least once; see InvalidInputTest.
        pipeline = PipelineDriver.start(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    @DisplayName("Claude Code (OTLP/JSON): a prompt is a HUMAN turn, an api_request an AGENT call, a git commit an outcome")
    void claudeCodeGolden() {
        pipeline.otlpLogs.pipeInput(null, golden("claude-code-logs.json"));

        List<TestRecord<String, UsageEvent>> calls = pipeline.usageOut.readRecordsToList();
        assertThat(calls).hasSize(2);
        UsageEvent turn = calls.get(0).value();
        assertThat(calls.get(0).key()).isEqualTo("alice@acme.com");
        assertThat(turn.getEventId()).startsWith("claude-code:").hasSize("claude-code:".length() + 64);
        assertThat(turn).isEqualTo(UsageEvent.newBuilder()
                .setEventId(turn.getEventId()).setTs(Instant.parse("2026-03-02T10:00:00Z")).setUserId("alice@acme.com")
                .setTeamId("payments").setSessionId(CLAUDE_SESSION).setClient("claude-code")
                .setInitiator(Initiator.HUMAN).setModel("user-prompt").setInputTokens(0).setOutputTokens(0)
                .setCacheReadTokens(0).setCacheWriteTokens(0).setRepo("acme/api").build());
        assertThat(calls.get(1).value()).isEqualTo(UsageEvent.newBuilder()
                .setEventId("claude-code:req_011CUaBcDeFgHiJkLmNoPqRs").setTs(AT).setUserId("alice@acme.com")
                .setTeamId("payments").setSessionId(CLAUDE_SESSION).setClient("claude-code")
                .setInitiator(Initiator.AGENT).setModel("claude-sonnet-4-5-20250929").setInputTokens(1200)
                .setOutputTokens(350).setCacheReadTokens(48000).setCacheWriteTokens(2100).setCostUsd(0.0421)
                .setRepo("acme/api").build());
        assertThat(calls.get(1).timestamp()).isEqualTo(AT.toEpochMilli());
        assertThat(header(calls.get(1).headers().lastHeader(SourceClock.HEADER)))
                .isEqualTo(pipeline.config.otlpLogsTopic() + "-0");

        TestRecord<String, OutcomeEvent> commit = pipeline.outcomesOut.readRecord();
        assertThat(commit.key()).isEqualTo("alice@acme.com");
        assertThat(commit.value()).isEqualTo(OutcomeEvent.newBuilder()
                .setEventId("commit:" + COMMIT).setTs(Instant.parse("2026-03-02T10:00:10Z"))
                .setUserId("alice@acme.com").setSessionId(CLAUDE_SESSION).setRepo("acme/api")
                .setKind(OutcomeKind.COMMIT).setLinesAdded(0).setLinesRemoved(0).setRef(COMMIT).build());
        assertThat(pipeline.outcomesOut.isEmpty()).isTrue();
        assertThat(pipeline.dlq.isEmpty()).isTrue();
        assertThat(pipeline.metrics.counts(OtlpMetrics.LOG_RECORDS, "result"))
                .containsEntry("usage", 2L).containsEntry("outcome", 1L).containsEntry("ignored", 1L);
        assertThat(pipeline.metrics.counts(UnmappedIdentities.NAME, "kind")).containsEntry("email", 3L);
    }

    @Test
    @DisplayName("Codex: cached tokens are taken out of input; reasoning is already in output; only completed responses count")
    void codexGolden() {
        pipeline.otlpLogs.pipeInput(null, golden("codex-logs.json"));

        List<UsageEvent> calls = pipeline.usageOut.readValuesToList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getInitiator()).isEqualTo(Initiator.HUMAN);
        assertThat(calls.get(0).getTs()).isEqualTo(Instant.parse("2026-03-02T10:00:21Z"));
        UsageEvent call = calls.get(1);
        assertThat(call.getEventId()).startsWith("codex:").hasSize("codex:".length() + 64);
        assertThat(call).isEqualTo(UsageEvent.newBuilder()
                .setEventId(call.getEventId()).setTs(Instant.parse("2026-03-02T10:00:25Z")).setUserId("bob@acme.com")
                .setTeamId("platform").setSessionId("0199a7c4-2f3e-7a10-b2c3-d4e5f6a7b8c9").setClient("codex")
                .setInitiator(Initiator.AGENT).setModel("gpt-5-codex").setInputTokens(1000).setOutputTokens(700)
                .setCacheReadTokens(8000).setCacheWriteTokens(0).setRepo("acme/infra").build());
        assertThat(pipeline.metrics.counts(OtlpMetrics.LOG_RECORDS, "result"))
                .containsEntry("usage", 2L).containsEntry("ignored", 2L);
        assertThat(pipeline.dlq.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("Gemini CLI: cached content out of input, tool-use prompt into input, thoughts into output")
    void geminiGolden() {
        pipeline.otlpLogs.pipeInput(null, golden("gemini-cli-logs.json"));

        List<UsageEvent> calls = pipeline.usageOut.readValuesToList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getInitiator()).isEqualTo(Initiator.HUMAN);
        assertThat(calls.get(0).getSessionId()).isEqualTo("7d3e9a10-4b2c-4f6e-8a1b-2c3d4e5f6a7b");
        UsageEvent call = calls.get(1);
        assertThat(call.getEventId()).startsWith("gemini-cli:");
        assertThat(call).isEqualTo(UsageEvent.newBuilder()
                .setEventId(call.getEventId()).setTs(Instant.parse("2026-03-02T10:00:46Z")).setUserId("carol@acme.com")
                .setTeamId("data").setSessionId("7d3e9a10-4b2c-4f6e-8a1b-2c3d4e5f6a7b").setClient("gemini-cli")
                .setInitiator(Initiator.AGENT).setModel("gemini-2.5-pro").setInputTokens(5050).setOutputTokens(1500)
                .setCacheReadTokens(15000).setCacheWriteTokens(0).build());
        assertThat(pipeline.metrics.counts(OtlpMetrics.LOG_RECORDS, "result")).containsEntry("ignored", 1L);
    }

    @Test
    @DisplayName("GenAI conventions (snake_case OTLP/JSON, unknown fields): client is service.name, cache reads out of input")
    void genAiGolden() {
        pipeline.otlpLogs.pipeInput(null, golden("genai-logs.json"));

        assertThat(pipeline.usageOut.readValuesToList()).containsExactly(UsageEvent.newBuilder()
                .setEventId("triage-bot:chatcmpl-CX3a9bF2").setTs(Instant.parse("2026-03-02T10:01:00Z"))
                .setUserId("dave@acme.com").setTeamId("support").setSessionId("conv_5j66UpCpwteGg4YSxUnt7lPY")
                .setClient("triage-bot").setInitiator(Initiator.AGENT).setModel("gpt-4.1-2025-04-14")
                .setInputTokens(2000).setOutputTokens(180).setCacheReadTokens(1000).setCacheWriteTokens(0).build());
    }

    @Test
    @DisplayName("Claude Code (otlp_proto): numbers sent as strings or doubles read like ints")
    void claudeCodeProtobufNumbersAsStrings() {
        pipeline.otlpLogs.pipeInput(null, claudeApiRequest(
                attribute("input_tokens", AnyValue.newBuilder().setStringValue("1200").build()),
                attribute("output_tokens", AnyValue.newBuilder().setIntValue(350).build()),
                attribute("cache_read_tokens", AnyValue.newBuilder().setDoubleValue(48000.0).build()),
                attribute("cache_creation_tokens", AnyValue.newBuilder().setStringValue("2100").build()),
                attribute("cost_usd", AnyValue.newBuilder().setStringValue("0.0421").build())).toByteArray());

        UsageEvent call = pipeline.usageOut.readValue();
        assertThat(call.getInputTokens()).isEqualTo(1200);
        assertThat(call.getOutputTokens()).isEqualTo(350);
        assertThat(call.getCacheReadTokens()).isEqualTo(48000);
        assertThat(call.getCacheWriteTokens()).isEqualTo(2100);
        assertThat(call.getCostUsd()).isEqualTo(0.0421);
        assertThat(call.getModel()).isEqualTo("claude-opus-4-1-20250805");
        assertThat(call.getTs()).isEqualTo(AT);
        assertThat(call.getEventId()).as("no request_id: hashed").startsWith("claude-code:").hasSize(12 + 64);
        assertThat(pipeline.dlq.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a batch the exporter sends again is forwarded again with the same ids, and counted once")
    void retriedBatchCountedOnce() {
        byte[] batch = claudeApiRequest(attribute("input_tokens", AnyValue.newBuilder().setIntValue(10).build()))
                .toByteArray();
        pipeline.otlpLogs.pipeInput(null, batch);
        pipeline.otlpLogs.pipeInput(null, batch);

        List<UsageEvent> forwarded = pipeline.usageOut.readValuesToList();
        assertThat(forwarded).hasSize(2);
        assertThat(forwarded.get(1).getEventId()).isEqualTo(forwarded.get(0).getEventId());
        assertThat(pipeline.ingest.duplicates()).containsEntry("usage", 1L);
    }

    @Test
    @DisplayName("a record that is not an OTLP logs batch is dead-lettered as INVALID_OTLP with its bytes")
    void undecodableDeadLettered() {
        byte[] notOtlp = "not an otlp batch".getBytes(StandardCharsets.UTF_8);
        byte[] brokenJson = "  {\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8);
        pipeline.otlpLogs.pipeInput(null, notOtlp);
        pipeline.otlpLogs.pipeInput(null, brokenJson);

        TestRecord<byte[], byte[]> first = pipeline.dlq.readRecord();
        assertThat(first.value()).isEqualTo(notOtlp);
        assertThat(header(first.headers().lastHeader("burnwatch.dlq.reason"))).isEqualTo("INVALID_OTLP");
        assertThat(header(first.headers().lastHeader("__streams.errors.topic"))).isEqualTo(pipeline.config.otlpLogsTopic());
        assertThat(pipeline.dlq.readRecord().value()).isEqualTo(brokenJson);
        assertThat(pipeline.usageOut.isEmpty()).isTrue();
        assertThat(pipeline.ingest.deadLetters()).containsEntry("INVALID_OTLP", 2L);
    }

    @Test
    @DisplayName("a content-type header decides the encoding: protobuf bytes that begin like JSON are still protobuf")
    void contentTypeHeader() {
        RecordHeaders json = new RecordHeaders();
        json.add(OtlpBatches.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        RecordHeaders proto = new RecordHeaders();
        proto.add(OtlpBatches.CONTENT_TYPE, "application/x-protobuf".getBytes(StandardCharsets.UTF_8));
        byte[] braced = {'{', 1};

        assertThat(OtlpBatches.isJson("\n {}".getBytes(StandardCharsets.UTF_8), new RecordHeaders())).isTrue();
        assertThat(OtlpBatches.isJson(braced, proto)).isFalse();
        assertThat(OtlpBatches.isJson(new byte[] {10, 0}, json)).isTrue();
    }

    @Test
    @DisplayName("a batch with an event lacking its session forwards its good events, then is dead-lettered whole")
    void incompleteEventDeadLettersTheBatch() {
        LogRecord good = claudeRecord("api_request", attribute("session.id", text(CLAUDE_SESSION)),
                attribute("user.email", text("alice@acme.com")), attribute("model", text("claude-opus-4-1-20250805")),
                attribute("request_id", text("req_good")));
        LogRecord sessionless = claudeRecord("api_request", attribute("user.email", text("alice@acme.com")),
                attribute("model", text("claude-opus-4-1-20250805")), attribute("request_id", text("req_bad")));
        byte[] batch = batch(good, sessionless).toByteArray();

        pipeline.otlpLogs.pipeInput(null, batch);

        assertThat(pipeline.usageOut.readValuesToList()).extracting(UsageEvent::getEventId)
                .containsExactly("claude-code:req_good");
        TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
        assertThat(dead.value()).isEqualTo(batch);
        assertThat(header(dead.headers().lastHeader("burnwatch.dlq.reason"))).isEqualTo("MISSING_SESSION_ID");
        assertThat(pipeline.metrics.counts(OtlpMetrics.LOG_RECORDS, "result")).containsEntry("invalid", 1L);
    }

    @Test
    @DisplayName("the identity map names the user: by email first, else by account uuid; unmapped falls back to the email")
    void identityMapped() {
        TestInputTopic<String, String> identities = pipeline.driver.createInputTopic(pipeline.config.identitiesTopic(),
                new StringSerializer(), new StringSerializer());
        identities.pipeInput("email:alice@acme.com", "alice");
        identities.pipeInput("account:acct-b0b", "bob");

        pipeline.otlpLogs.pipeInput(null, golden("claude-code-logs.json"));
        pipeline.otlpLogs.pipeInput(null, golden("codex-logs.json"));
        pipeline.otlpLogs.pipeInput(null, golden("gemini-cli-logs.json"));

        assertThat(pipeline.usageOut.readKeyValuesToList()).extracting(kv -> kv.key + "/" + kv.value.getUserId())
                .containsExactly("alice/alice", "alice/alice", "bob/bob", "bob/bob",
                        "carol@acme.com/carol@acme.com", "carol@acme.com/carol@acme.com");
        assertThat(pipeline.outcomesOut.readValue().getUserId()).isEqualTo("alice");
        assertThat(pipeline.metrics.counts(UnmappedIdentities.NAME, "kind")).containsEntry("email", 2L)
                .containsEntry("account", 0L);
    }

    @Test
    @DisplayName("a person known only by account uuid is that uuid when unmapped")
    void accountFallback() {
        pipeline.otlpLogs.pipeInput(null, batch(claudeRecord("api_request", attribute("session.id", text("s-1")),
                attribute("user.account_uuid", text("2c6f0b8e")), attribute("model", text("claude-opus-4-1-20250805")),
                attribute("request_id", text("req_1")))).toByteArray());

        assertThat(pipeline.usageOut.readValue().getUserId()).isEqualTo("2c6f0b8e");
        assertThat(pipeline.metrics.counts(UnmappedIdentities.NAME, "kind")).containsEntry("account", 1L);
    }

    // ---- helpers

    private static byte[] golden(String name) {
        try (InputStream in = OtlpInputTest.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static AnyValue text(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /** A Claude Code record as its SDK sends it: the bare name in event.name, the full one in the body. */
    private static LogRecord claudeRecord(String event, KeyValue... attributes) {
        return LogRecord.newBuilder()
                .setTimeUnixNano(AT.getEpochSecond() * 1_000_000_000L)
                .setBody(text("claude_code." + event))
                .addAttributes(attribute("event.name", text(event)))
                .addAllAttributes(List.of(attributes))
                .build();
    }

    private static ExportLogsServiceRequest claudeApiRequest(KeyValue... counts) {
        LogRecord.Builder record = claudeRecord("api_request", attribute("session.id", text(CLAUDE_SESSION)),
                attribute("user.email", text("alice@acme.com")), attribute("model", text("claude-opus-4-1-20250805")))
                .toBuilder();
        record.addAllAttributes(List.of(counts));
        return batch(record.build());
    }

    private static ExportLogsServiceRequest batch(LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", text("claude-code"))))
                .addScopeLogs(ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("com.anthropic.claude_code.events"))
                        .addAllLogRecords(List.of(records))))
                .build();
    }
}
