package io.burnwatch.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random and mutated records, valid ones among them, thrown at both ingest paths: Confluent wire-format Avro on the
 * usage and outcomes topics, JSON on theirs. Every record must be accepted once or dead-lettered once with a
 * reason, none may stop processing, and a valid call at the end still counts. Seeded: a failure names its seed and
 * record, and replays.
 */
@DisplayName("Ingest under random and mutated input")
class IngestFuzzTest {

    private static final int RECORDS_PER_PATH = 1_500;
    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Set<String> REASONS = Stream.of(DeadLetterReason.values()).map(Enum::name).collect(Collectors.toSet());
    private static final String[] JSON_VALUES = {"1e400", "-1e400", "-1e12", "1e12", "NaN", "9223372036854775808",
            "-9223372036854775809", "-0", "0.0", "1e-400", "\"12\"", "null", "true", "[]", "{}", "\"\"", "\" \"",
            "\"+300000000-01-01T00:00:00Z\"", "\"-999999999-01-01T00:00:00Z\"", "9223372036854775807",
            "-9223372036854775808", "\"\\u0000\"", "\"\\ud800\"", "\"é😀\"", "[[[[[[[[[[[[1]]]]]]]]]]]]"};
    private static final String JSON_NOISE = "{}[]\",:0123456789eE.-+ \\u\u0000é😀ntrfals";

    private PipelineDriver pipeline;
    private Random random;
    private long seed;
    private int index;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {15L, 20261207L})
    @DisplayName("every record is accepted once or dead-lettered once, and processing goes on")
    void everyRecordOnceAndProcessingGoesOn(long seed) {
        this.seed = seed;
        random = new Random(seed);
        // Dead letters are captured by TopologyTestDriver only at least once; see InvalidInputTest. Event time is
        // bounded by the real clock, validation by the driver's, months behind it: a ts between the two moves stream
        // time, so a long horizon keeps the final call from being TOO_OLD, as it would not be outside a test.
        pipeline = PipelineDriver.start(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                "burnwatch.dedup.horizon", "1000d"));
        int[] jsonOffsets = new int[2];
        for (index = 0; index < 2 * RECORDS_PER_PATH; index++) {
            boolean usage = random.nextBoolean();
            if (index % 2 == 0) {
                pipeAvro(usage);
            } else {
                pipeJson(usage, jsonOffsets[usage ? 0 : 1]++);
            }
        }

        long accepted = lagCount();
        pipeline.pipe(Events.call("zed", "s-1", MINUTE.plusSeconds(3)).setInputTokens(7).build());
        assertThat(pipeline.dlq.readRecordsToList()).as("dead letters of a valid call").isEmpty();
        assertThat(lagCount()).as("a valid call after all of them is accepted").isEqualTo(accepted + 1);
    }

    private void pipeAvro(boolean usage) {
        String topic = usage ? pipeline.config.usageTopic() : pipeline.config.outcomesTopic();
        TestInputTopic<String, byte[]> input = usage ? pipeline.rawUsage : pipeline.rawOutcomes;
        byte[] value = avroValue(usage);
        long acceptedBefore = lagCount();

        pipe(() -> input.pipeInput(randomKey(), value, MINUTE));

        List<TestRecord<byte[], byte[]>> dead = pipeline.dlq.readRecordsToList();
        long accepted = lagCount() - acceptedBefore;
        assertThat(accepted + dead.size()).as(what("Avro", value)).isEqualTo(1);
        dead.forEach(letter -> assertDeadLetter(letter, topic, value));
    }

    private void pipeJson(boolean usage, int offset) {
        String jsonTopic = usage ? pipeline.config.usageJsonTopic() : pipeline.config.outcomesJsonTopic();
        String avroTopic = usage ? pipeline.config.usageTopic() : pipeline.config.outcomesTopic();
        TestInputTopic<String, String> input = usage ? pipeline.usageJson : pipeline.outcomesJson;
        String json = jsonValue(usage);
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        long acceptedBefore = lagCount();

        pipe(() -> input.pipeInput(randomKey(), json, MINUTE));

        int forwarded = usage ? pipeline.usageOut.readRecordsToList().size() : pipeline.outcomesOut.readRecordsToList().size();
        List<TestRecord<byte[], byte[]>> dead = pipeline.dlq.readRecordsToList();
        List<TestRecord<byte[], byte[]>> deadJson = dead.stream().filter(letter -> header(letter, "__streams.errors.topic").equals(jsonTopic)).toList();
        List<TestRecord<byte[], byte[]>> deadAvro = dead.stream().filter(letter -> header(letter, "__streams.errors.topic").equals(avroTopic)).toList();
        assertThat(forwarded + deadJson.size()).as(what("JSON", value)).isEqualTo(1);
        assertThat(deadJson.size() + deadAvro.size()).as(what("JSON", value) + ": dead letters of other topics").isEqualTo(dead.size());
        assertThat(lagCount() - acceptedBefore + deadAvro.size()).as(what("JSON forwarded", value)).isEqualTo(forwarded);
        deadJson.forEach(letter -> {
            assertDeadLetter(letter, jsonTopic, value);
            assertThat(header(letter, "__streams.errors.offset")).isEqualTo(Integer.toString(offset));
        });
        deadAvro.forEach(letter -> assertThat(REASONS).contains(header(letter, DeadLetters.REASON_HEADER)));
    }

    private void assertDeadLetter(TestRecord<byte[], byte[]> letter, String topic, byte[] value) {
        assertThat(REASONS).as(what("dead letter", value)).contains(header(letter, DeadLetters.REASON_HEADER));
        assertThat(header(letter, "__streams.errors.topic")).isEqualTo(topic);
        assertThat(letter.value()).as(what("dead letter", value)).isEqualTo(value);
    }

    private void pipe(Runnable pipe) {
        assertThatCode(pipe::run).as("seed %d record %d stopped processing", seed, index).doesNotThrowAnyException();
    }

    private String what(String path, byte[] value) {
        return "seed " + seed + " record " + index + " (" + path + ", " + (value == null ? "null" : value.length + " bytes") + ")";
    }

    private long lagCount() {
        return pipeline.registry.find(IngestMetrics.LAG).timer().count();
    }

    private String randomKey() {
        return random.nextInt(10) == 0 ? null : "k" + random.nextInt(20);
    }

    // Avro: valid records, mutated ones, and noise.

    private byte[] avroValue(boolean usage) {
        byte[] valid = usage
                ? pipeline.serdes.usage().serializer().serialize(pipeline.config.usageTopic(), randomCall())
                : pipeline.serdes.outcome().serializer().serialize(pipeline.config.outcomesTopic(), randomOutcome());
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> valid;
            case 3 -> random.nextInt(5) == 0 ? null : randomBytes(random.nextInt(64));
            default -> mutate(valid);
        };
    }

    private byte[] mutate(byte[] valid) {
        byte[] bytes = valid;
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            if (bytes.length == 0) {
                return bytes;
            }
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(7)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                case 3 -> {
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                    System.arraycopy(randomBytes(longer.length - bytes.length), 0, longer, bytes.length, longer.length - bytes.length);
                    bytes = longer;
                }
                case 4 -> {
                    // A length prefix (zig-zag varint) claiming up to 2^31 bytes, where a string may start.
                    int claim = at < 5 ? 5 : at;
                    if (claim + 5 <= bytes.length) {
                        long length = (long) random.nextInt(Integer.MAX_VALUE) << 1;
                        for (int k = 0; k < 4; k++, length >>>= 7) {
                            bytes[claim + k] = (byte) ((length & 0x7F) | 0x80);
                        }
                        bytes[claim + 4] = (byte) (length & 0x7F);
                    }
                }
                case 5 -> {
                    if (bytes.length >= 5) {
                        ByteBuffer.wrap(bytes).put(0, (byte) random.nextInt(2)).putInt(1, random.nextInt(4));
                    }
                }
                default -> bytes = randomBytes(bytes.length);
            }
        }
        return bytes;
    }

    private UsageEvent randomCall() {
        UsageEvent.Builder call = UsageEvent.newBuilder()
                .setEventId("e-" + random.nextInt(500))
                .setTs(MINUTE.plusMillis(random.nextInt(3_600_000) - 1_800_000))
                .setUserId("u" + random.nextInt(20))
                .setSessionId("s-" + random.nextInt(5))
                .setInitiator(random.nextBoolean() ? Initiator.AGENT : Initiator.HUMAN)
                .setModel(random.nextInt(10) == 0 ? "m".repeat(300) : "claude-sonnet-4")
                .setInputTokens(interestingLong())
                .setOutputTokens(interestingLong())
                .setCacheReadTokens(random.nextInt(1000))
                .setCacheWriteTokens(random.nextInt(1000))
                .setCostUsd(interestingCost());
        if (random.nextInt(4) == 0) {
            call.setTs(Instant.ofEpochMilli(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + random.nextInt(1000)));
        }
        return call.build();
    }

    private OutcomeEvent randomOutcome() {
        return OutcomeEvent.newBuilder()
                .setEventId("o-" + random.nextInt(500))
                .setTs(MINUTE.plusMillis(random.nextInt(3_600_000) - 1_800_000))
                .setUserId("u" + random.nextInt(20))
                .setKind(OutcomeKind.values()[random.nextInt(OutcomeKind.values().length)])
                .setLinesAdded(interestingLong())
                .setLinesRemoved(random.nextInt(100))
                .setRef(random.nextInt(10) == 0 ? "r".repeat(1000) : null)
                .build();
    }

    private long interestingLong() {
        return switch (random.nextInt(8)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            case 2 -> -1;
            case 3 -> 10_000_000;
            default -> random.nextInt(100_000);
        };
    }

    private Double interestingCost() {
        return switch (random.nextInt(10)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> -1e12;
            case 3 -> Double.MAX_VALUE;
            case 4 -> null;
            case 5 -> -0.0;
            default -> random.nextDouble() * 10;
        };
    }

    // JSON: valid objects, mutated ones, and noise.

    private String jsonValue(boolean usage) {
        String valid = usage ? """
                {"event_id": "j-%d", "ts": "%s", "user_id": "u%d", "session_id": "s-1", "initiator": "AGENT",
                 "model": "gpt-5", "input_tokens": %d, "output_tokens": 30, "cache_read_tokens": 0,
                 "cache_write_tokens": 0, "cost_usd": 0.25, "repo": "burnwatch"}"""
                .formatted(random.nextInt(500), MINUTE.plusSeconds(random.nextInt(3600) - 1800), random.nextInt(20),
                        random.nextInt(100_000))
                : """
                {"event_id": "oj-%d", "ts": %d, "user_id": "u%d", "kind": "COMMIT", "lines_added": 4, "lines_removed": 1}"""
                .formatted(random.nextInt(500), MINUTE.toEpochMilli() + random.nextInt(3_600_000) - 1_800_000, random.nextInt(20));
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> valid;
            case 3 -> randomText(random.nextInt(80));
            default -> mutate(valid);
        };
    }

    private String mutate(String valid) {
        StringBuilder json = new StringBuilder(valid);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            if (json.isEmpty()) {
                break;
            }
            int at = random.nextInt(json.length());
            switch (random.nextInt(7)) {
                case 0 -> json.setCharAt(at, JSON_NOISE.charAt(random.nextInt(JSON_NOISE.length())));
                case 1 -> json.delete(at, Math.min(json.length(), at + 1 + random.nextInt(10)));
                case 2 -> json.insert(at, json.substring(at, Math.min(json.length(), at + 1 + random.nextInt(20))));
                case 3 -> replaceValue(json);
                case 4 -> json.append(random.nextBoolean() ? valid : "{}");
                case 5 -> json.insert(at, "\"" + "x".repeat(random.nextInt(2) == 0 ? 300 : 20_000) + "\"");
                default -> json.insert(at, randomText(1 + random.nextInt(5)));
            }
        }
        return json.toString();
    }

    /** Replaces the value of a random field with one of the values that have broken JSON readers before. */
    private void replaceValue(StringBuilder json) {
        int colon = json.indexOf(":", random.nextInt(json.length()));
        if (colon < 0) {
            return;
        }
        int end = colon + 1;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        json.replace(colon + 1, end, " " + JSON_VALUES[random.nextInt(JSON_VALUES.length)]);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(JSON_NOISE.charAt(random.nextInt(JSON_NOISE.length())));
        }
        return text.toString();
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
