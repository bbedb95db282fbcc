package io.burnwatch.streams.ingest;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Invalid input")
class InvalidInputTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        // TopologyTestDriver 4.3 does not capture dead letter records under exactly_once_v2;
        // BurnwatchPipelineIT covers the dead letter queue with exactly-once on a real broker.
        pipeline = PipelineDriver.start(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                "burnwatch.validation.max.tokens.per.call", "1000000", "burnwatch.dedup.horizon", "1h"));
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    static Stream<Arguments> brokenCalls() {
        return Stream.of(
                broken(DeadLetterReason.MISSING_EVENT_ID, call -> call.setEventId(" ")),
                broken(DeadLetterReason.MISSING_USER_ID, call -> call.setUserId("")),
                broken(DeadLetterReason.MISSING_SESSION_ID, call -> call.setSessionId("")),
                broken(DeadLetterReason.EMPTY_MODEL, call -> call.setModel("")),
                broken(DeadLetterReason.NEGATIVE_TOKENS, call -> call.setCacheWriteTokens(-1)),
                broken(DeadLetterReason.ABSURD_TOKENS, call -> call.setInputTokens(600_000).setCacheReadTokens(400_001)),
                broken(DeadLetterReason.ABSURD_TOKENS, call -> call.setOutputTokens(Long.MAX_VALUE).setInputTokens(Long.MAX_VALUE)),
                // Next year: it must not move stream time either, or the calls after it would be too old.
                broken(DeadLetterReason.FUTURE_TIMESTAMP, call -> call.setTs(Instant.now().plus(Duration.ofDays(365)))),
                broken(DeadLetterReason.TOO_OLD, call -> call.setTs(MINUTE.minus(Duration.ofMinutes(61)))),
                broken(DeadLetterReason.NEGATIVE_COST, call -> call.setCostUsd(-1e12)),
                broken(DeadLetterReason.NON_FINITE_COST, call -> call.setCostUsd(Double.POSITIVE_INFINITY)),
                broken(DeadLetterReason.NON_FINITE_COST, call -> call.setCostUsd(Double.NaN)),
                broken(DeadLetterReason.ABSURD_COST, call -> call.setCostUsd(1e12)),
                broken(DeadLetterReason.FIELD_TOO_LONG, call -> call.setSessionId("s".repeat(257))),
                broken(DeadLetterReason.FIELD_TOO_LONG, call -> call.setPromptHash("h".repeat(600_000))));
    }

    private static Arguments broken(DeadLetterReason reason, UnaryOperator<UsageEvent.Builder> breakIt) {
        return Arguments.of(reason, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCalls")
    @DisplayName("a call that breaks a rule goes to the dead letter queue byte for byte, with its reason, and is not counted")
    void brokenCallIsDeadLettered(DeadLetterReason reason, UnaryOperator<UsageEvent.Builder> breakIt) {
        pipeline.pipe(call("alice", "s-1", MINUTE).setInputTokens(3).build());
        byte[] broken = avro(breakIt.apply(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(1_000)).build());
        pipeline.rawUsage.pipeInput("alice", broken, MINUTE);
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(2)).setInputTokens(4).build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(90)).build());

        TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
        assertThat(dead.value()).isEqualTo(broken);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
        assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo(reason.name());
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(pipeline.config.usageTopic());
        assertThat(header(dead, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(dead, "__streams.errors.offset")).isEqualTo("1");
        assertThat(header(dead, "__streams.errors.message")).startsWith(reason.name());
        assertThat(pipeline.dlq.isEmpty()).isTrue();

        assertThat(pipeline.rollups.readValue().getInputTokens()).as("only the valid calls count").isEqualTo(7);
        assertThat(pipeline.ingest.deadLetters()).containsEntry(reason.name(), 1L);
        assertThat(pipeline.ingest.deadLetters().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    @DisplayName("an outcome without a user or with negative lines goes to the dead letter queue with its reason")
    void brokenOutcomes() {
        OutcomeEvent valid = commit("bob", MINUTE);
        byte[] noUser = avro(OutcomeEvent.newBuilder(valid).setEventId("o-2").setUserId("").build());
        byte[] negativeLines = avro(OutcomeEvent.newBuilder(valid).setEventId("o-3").setLinesRemoved(-5).build());

        pipeline.pipe(valid);
        pipeline.rawOutcomes.pipeInput("bob", noUser);
        pipeline.rawOutcomes.pipeInput("bob", negativeLines);

        assertThat(pipeline.dlq.readRecordsToList()).satisfiesExactly(
                dead -> {
                    assertThat(dead.value()).isEqualTo(noUser);
                    assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("MISSING_USER_ID");
                    assertThat(header(dead, "__streams.errors.topic")).isEqualTo(pipeline.config.outcomesTopic());
                },
                dead -> {
                    assertThat(dead.value()).isEqualTo(negativeLines);
                    assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("NEGATIVE_LINES");
                });
        assertThat(pipeline.ingest.deadLetters()).containsEntry("MISSING_USER_ID", 1L).containsEntry("NEGATIVE_LINES", 1L);
    }

    @Test
    @DisplayName("bytes that are not wire format are UNDECODABLE; an unregistered schema id is UNKNOWN_SCHEMA_ID")
    void unreadableRecords() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] valid = avro(call("carol", "s-1", MINUTE).build());
        byte[] unknownId = Arrays.copyOf(valid, valid.length);
        ByteBuffer.wrap(unknownId).put(0, (byte) 0).putInt(1, 424_242);

        pipeline.rawUsage.pipeInput("carol", garbage);
        pipeline.rawUsage.pipeInput("carol", unknownId);
        pipeline.rawUsage.pipeInput("carol", null);

        assertThat(pipeline.dlq.readRecordsToList()).satisfiesExactly(
                dead -> {
                    assertThat(dead.value()).isEqualTo(garbage);
                    assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("UNDECODABLE");
                    assertThat(header(dead, "__streams.errors.offset")).isEqualTo("0");
                },
                dead -> {
                    assertThat(dead.value()).isEqualTo(unknownId);
                    assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("UNKNOWN_SCHEMA_ID");
                },
                dead -> {
                    assertThat(dead.value()).isNull();
                    assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("MISSING_VALUE");
                });
        assertThat(pipeline.ingest.deadLetters())
                .containsEntry("UNDECODABLE", 1L).containsEntry("UNKNOWN_SCHEMA_ID", 1L).containsEntry("MISSING_VALUE", 1L)
                .containsEntry("TOO_OLD", 0L);
    }

    @Test
    @DisplayName("18 bytes whose string length claims 2 GB are OVERSIZED_AVRO, and the calls after them count")
    void lengthClaimPastAvroLimits() {
        byte[] valid = avro(call("dave", "s-1", MINUTE).setInputTokens(5).build());
        ByteBuffer claim = ByteBuffer.allocate(18).put(Arrays.copyOf(valid, 5));
        // The zig-zag varint of 2^31 - 9, the longest Java array: Avro would allocate it before reading.
        long length = (Integer.MAX_VALUE - 8L) << 1;
        for (; (length & ~0x7FL) != 0; length >>>= 7) {
            claim.put((byte) ((length & 0x7F) | 0x80));
        }
        claim.put((byte) length);
        byte[] oversized = claim.array();

        pipeline.rawUsage.pipeInput("dave", oversized, MINUTE);
        pipeline.rawUsage.pipeInput("dave", valid, MINUTE);
        pipeline.pipe(call("dave", "s-1", MINUTE.plusSeconds(90)).build());

        TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
        assertThat(dead.value()).isEqualTo(oversized);
        assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("OVERSIZED_AVRO");
        assertThat(pipeline.dlq.isEmpty()).isTrue();
        assertThat(pipeline.rollups.readValue().getInputTokens()).isEqualTo(5);
    }

    private byte[] avro(UsageEvent call) {
        return pipeline.serdes.usage().serializer().serialize(pipeline.config.usageTopic(), call);
    }

    private byte[] avro(OutcomeEvent outcome) {
        return pipeline.serdes.outcome().serializer().serialize(pipeline.config.outcomesTopic(), outcome);
    }

    static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
