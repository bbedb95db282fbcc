package io.burnwatch.sim.bad;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.serde.SpecificAvroSerializer;
import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.RecordSink;
import io.burnwatch.sim.publish.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad-input mode")
class BadInputSinkTest {

    private static final int EVENTS = 20_000;
    private static final double FRACTION = 0.05;
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private final Map<String, String> registry = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://bad-input");
    private final Topics topics = new Topics("usage", "outcomes", "truth");
    private final List<ProducerRecord<String, byte[]>> raw = new ArrayList<>();
    private final List<SimEvent> good = new ArrayList<>();
    private final Clock wall = Clock.fixed(START, java.time.ZoneOffset.UTC);
    private BadInputSink sink;

    @BeforeEach
    void sendEvents() {
        SpecificAvroSerializer<SpecificRecord> avro = new SpecificAvroSerializer<>();
        avro.configure(registry, false);
        sink = new BadInputSink(new Recording(avro), FRACTION, 7, wall);
        Simulation events = new Simulation(Cast.of(42, 30).personas(START));
        for (int i = 0; i < EVENTS; i++) {
            sink.send(events.next());
        }
    }

    @Test
    @DisplayName("every event still goes out, and malformed records come on top at about the fraction")
    void aboutTheFraction() {
        assertThat(good).hasSize(EVENTS);
        assertThat(raw).hasSizeBetween((int) (EVENTS * FRACTION * 0.85), (int) (EVENTS * FRACTION * 1.15));
        assertThat(sink.sent().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(raw.size());
    }

    @Test
    @DisplayName("each kind is sent, labelled with its kind in the burnwatch.sim.bad header")
    void eachKindLabelled() {
        Map<BadKind, Long> byHeader = raw.stream().collect(Collectors.groupingBy(
                record -> BadKind.valueOf(label(record)), () -> new EnumMap<>(BadKind.class), Collectors.counting()));

        assertThat(byHeader.keySet()).containsExactlyInAnyOrder(BadKind.values());
        assertThat(byHeader).isEqualTo(sink.sent());
    }

    @Test
    @DisplayName("each record is malformed in the way its label says")
    void malformedAsLabelled() {
        SpecificAvroDeserializer<UsageEvent> usage = new SpecificAvroDeserializer<>(UsageEvent.class);
        usage.configure(registry, false);
        SpecificAvroDeserializer<OutcomeEvent> outcomes = new SpecificAvroDeserializer<>(OutcomeEvent.class);
        outcomes.configure(registry, false);
        Function<ProducerRecord<String, byte[]>, UsageEvent> call = record -> usage.deserialize(record.topic(), record.value());

        for (ProducerRecord<String, byte[]> record : raw) {
            BadKind kind = BadKind.valueOf(label(record));
            switch (kind) {
                case UNDECODABLE -> assertThat(record.value()[0]).isNotEqualTo((byte) 0);
                case UNKNOWN_SCHEMA_ID -> assertThat(ByteBuffer.wrap(record.value(), 1, 4).getInt())
                        .isEqualTo(BadKind.UNKNOWN_SCHEMA_ID_VALUE);
                case MISSING_VALUE -> assertThat(record.value()).isNull();
                case MISSING_SESSION_ID -> assertThat(call.apply(record).getSessionId()).isEmpty();
                case EMPTY_MODEL -> assertThat(call.apply(record).getModel()).isEmpty();
                case NEGATIVE_TOKENS -> assertThat(call.apply(record).getOutputTokens()).isNegative();
                case ABSURD_TOKENS -> assertThat(call.apply(record).getInputTokens()).isGreaterThan(10_000_000L);
                case NEGATIVE_LINES -> assertThat(outcomes.deserialize(record.topic(), record.value()).getLinesAdded())
                        .isNegative();
                case MISSING_USER_ID, MISSING_EVENT_ID, FUTURE_TIMESTAMP, TOO_OLD -> {
                    SpecificRecord value = record.topic().equals("usage") ? call.apply(record)
                            : outcomes.deserialize(record.topic(), record.value());
                    Object field = value.get(value.getSchema().getField(switch (kind) {
                        case MISSING_USER_ID -> "user_id";
                        case MISSING_EVENT_ID -> "event_id";
                        default -> "ts";
                    }).pos());
                    switch (kind) {
                        case MISSING_USER_ID, MISSING_EVENT_ID -> assertThat(field.toString()).isEmpty();
                        case FUTURE_TIMESTAMP -> assertThat((Instant) field).isAfter(START.plus(Duration.ofHours(1)));
                        default -> assertThat((Instant) field)
                                .isBefore(Instant.ofEpochMilli(record.timestamp()).minus(Duration.ofHours(24)));
                    }
                }
                default -> throw new AssertionError("untested kind " + kind);
            }
        }
    }

    private static String label(ProducerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(BadInputSink.HEADER);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private final class Recording implements RecordSink {
        private final SpecificAvroSerializer<SpecificRecord> avro;

        Recording(SpecificAvroSerializer<SpecificRecord> avro) {
            this.avro = avro;
        }

        @Override
        public void send(SimEvent event) {
            good.add(event);
        }

        @Override
        public void send(ProducerRecord<String, byte[]> record) {
            raw.add(record);
        }

        @Override
        public byte[] avro(String topic, SpecificRecord record) {
            return avro.serialize(topic, record);
        }

        @Override
        public Topics topics() {
            return topics;
        }

        @Override
        public void close() {
        }
    }
}
