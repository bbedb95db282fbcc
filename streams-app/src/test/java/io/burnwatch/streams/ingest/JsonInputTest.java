package io.burnwatch.streams.ingest;

import static io.burnwatch.streams.ingest.InvalidInputTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.WireFormat;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("JSON input")
class JsonInputTest {

    private static final Instant TS = Instant.parse("2026-03-02T10:00:05Z");
    private static final String CALL = """
            {"event_id": "e-1", "ts": %s, "user_id": "alice", "session_id": "s-1", "initiator": "HUMAN",
             "model": "gpt-5", "input_tokens": 120, "output_tokens": 30, "cache_read_tokens": 1000,
             "cache_write_tokens": 0, "cost_usd": 0.25, "team_id": null, "extra": {"ignored": true}}""";

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

    @ParameterizedTest(name = "ts {0}")
    @CsvSource(delimiter = '|', value = {"1772445605000", "\"2026-03-02T10:00:05Z\"", "\"2026-03-02T11:00:05+01:00\""})
    @DisplayName("a JSON call, ts in epoch millis or ISO-8601, arrives on the usage topic as Avro keyed by its user")
    void jsonCallBecomesAvro(String ts) {
        TestOutputTopic<String, byte[]> usageBytes = pipeline.driver.createOutputTopic(pipeline.config.usageTopic(),
                new StringDeserializer(), new ByteArrayDeserializer());

        pipeline.usageJson.pipeInput(null, CALL.formatted(ts));

        TestRecord<String, byte[]> forwarded = usageBytes.readRecord();
        assertThat(forwarded.key()).isEqualTo("alice");
        assertThat(forwarded.timestamp()).isEqualTo(TS.toEpochMilli());
        assertThat(forwarded.value()[0]).as("Confluent wire format").isEqualTo(WireFormat.MAGIC_BYTE);
        UsageEvent call = pipeline.serdes.usage().deserializer().deserialize(pipeline.config.usageTopic(), forwarded.value());
        assertThat(call).isEqualTo(UsageEvent.newBuilder()
                .setEventId("e-1").setTs(TS).setUserId("alice").setSessionId("s-1").setInitiator(Initiator.HUMAN)
                .setModel("gpt-5").setInputTokens(120).setOutputTokens(30).setCacheReadTokens(1000).setCacheWriteTokens(0)
                .setCostUsd(0.25).build());
        assertThat(pipeline.dlq.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a JSON call is then counted like any other, in its user's rollup")
    void jsonCallIsCounted() {
        pipeline.usageJson.pipeInput("whatever", CALL.formatted(TS.toEpochMilli()));
        pipeline.usageJson.pipeInput("whatever", CALL.formatted(TS.plusSeconds(100).toEpochMilli()).replace("e-1", "e-2"));

        assertThat(pipeline.rollups.readValue().getInputTokens()).isEqualTo(120);
    }

    @Test
    @DisplayName("a JSON outcome, kind by name and optional fields left out, arrives on the outcomes topic")
    void jsonOutcome() {
        pipeline.outcomesJson.pipeInput(null, """
                {"event_id": "o-1", "ts": "2026-03-02T10:00:05Z", "user_id": "bob", "kind": "PR_MERGED",
                 "lines_added": 40, "lines_removed": 2}""");

        TestRecord<String, OutcomeEvent> forwarded = pipeline.outcomesOut.readRecord();
        assertThat(forwarded.key()).isEqualTo("bob");
        assertThat(forwarded.value().getKind()).isEqualTo(OutcomeKind.PR_MERGED);
        assertThat(forwarded.value().getSessionId()).isNull();
        assertThat(forwarded.value().getRef()).isNull();
        assertThat(forwarded.value().getLinesAdded()).isEqualTo(40);
    }

    @Test
    @DisplayName("a call with a 600 KB user_id, too large to forward as Avro, is FIELD_TOO_LONG and the next call counts")
    void hugeUserIdIsDeadLettered() {
        String huge = CALL.formatted(TS.toEpochMilli()).replace("\"alice\"", "\"" + "u".repeat(600_000) + "\"");

        pipeline.usageJson.pipeInput("k", huge);
        pipeline.usageJson.pipeInput("k", CALL.formatted(TS.toEpochMilli()));

        TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
        assertThat(dead.value()).hasSize(huge.length());
        assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("FIELD_TOO_LONG");
        assertThat(pipeline.usageOut.readRecord().key()).isEqualTo("alice");
        assertThat(pipeline.usageOut.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "INVALID_JSON      | {\"event_id\": \"e-1\", ",
            "INVALID_JSON      | [1, 2, 3]",
            "INVALID_JSON      | " + "{\"event_id\": \"e-1\", \"user_id\": \"alice\"}",
            "INVALID_JSON      | CALL:\"initiator\": \"HUMAN\"=\"initiator\": \"ROBOT\"",
            "INVALID_JSON      | CALL:\"input_tokens\": 120=\"input_tokens\": \"120\"",
            "INVALID_JSON      | CALL:\"input_tokens\": 120=\"input_tokens\": 1.5",
            "INVALID_JSON      | CALL:\"ts\": 1772445605000=\"ts\": \"yesterday\"",
            "MISSING_USER_ID   | CALL:\"user_id\": \"alice\", =",
            "MISSING_SESSION_ID| CALL:\"session_id\": \"s-1\"=\"session_id\": null",
            "NEGATIVE_TOKENS   | CALL:\"output_tokens\": 30=\"output_tokens\": -30",
            // Past Instant.toEpochMilli's range: it used to stop the stream thread with an ArithmeticException.
            "INVALID_JSON      | CALL:\"ts\": 1772445605000=\"ts\": \"+300000000-01-01T00:00:00Z\"",
            "INVALID_JSON      | CALL:\"extra\": {\"ignored\": true}}=\"extra\": {\"ignored\": true}}{\"cost_usd\": -1e9}",
            "INVALID_JSON      | CALL:\"cost_usd\": 0.25,=\"cost_usd\": 0.25, \"cost_usd\": -1e9,",
            "NEGATIVE_COST     | CALL:\"cost_usd\": 0.25=\"cost_usd\": -1e12",
            "NON_FINITE_COST   | CALL:\"cost_usd\": 0.25=\"cost_usd\": 1e400",
            "NON_FINITE_COST   | CALL:\"cost_usd\": 0.25=\"cost_usd\": -1e400",
            "ABSURD_COST       | CALL:\"cost_usd\": 0.25=\"cost_usd\": 1e12",
            "FIELD_TOO_LONG    | CALL:\"model\": \"gpt-5\"=\"model\": \"gpt-5-with-a-name-longer-than-the-limit-of-the-field-in-bytes-by-far-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""})
    @DisplayName("JSON that cannot become a valid call goes to the dead letter queue as sent, with its reason")
    void invalidJsonIsDeadLettered(DeadLetterReason reason, String input) {
        String json = input;
        if (input.startsWith("CALL:")) {
            String[] edit = input.substring("CALL:".length()).split("=", 2);
            json = CALL.formatted(TS.toEpochMilli()).replace(edit[0], edit[1]);
            assertThat(json).as("the edit applies").isNotEqualTo(CALL.formatted(TS.toEpochMilli()));
        }

        pipeline.usageJson.pipeInput("alice", json);

        TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo(reason.name());
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(pipeline.config.usageJsonTopic());
        assertThat(pipeline.usageOut.isEmpty()).isTrue();
        assertThat(pipeline.ingest.deadLetters()).containsEntry(reason.name(), 1L);
    }
}
