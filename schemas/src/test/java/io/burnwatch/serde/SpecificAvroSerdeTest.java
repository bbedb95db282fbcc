package io.burnwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.registry.InMemorySchemaRegistryClient;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.registry.SchemaRegistryClient;
import io.burnwatch.registry.SchemaRegistryException;
import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

    private static final String TOPIC = "burnwatch.usage";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SpecificAvroSerde<UsageEvent> serde = new SpecificAvroSerde<>(UsageEvent.class, registry, false);

    @AfterEach
    void dropMockScope() {
        SchemaRegistries.dropScope("mock://serde-test");
    }

    @Test
    @DisplayName("a record survives the round trip with every field intact")
    void roundTrip() {
        UsageEvent event = Contracts.usage();

        UsageEvent back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));

        assertThat(back).isEqualTo(event);
        assertThat(back.getTs()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123Z"));
    }

    @Test
    @DisplayName("bytes are in the Confluent wire format: magic 0, big-endian schema id, Avro binary")
    void wireFormat() throws IOException {
        UsageEvent event = Contracts.usage();

        byte[] bytes = serde.serializer().serialize(TOPIC, event);

        int id = registry.idOf(TOPIC + "-value", UsageEvent.getClassSchema());
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(event));
    }

    @Test
    @DisplayName("values register under <topic>-value and keys under <topic>-key")
    void subjectNaming() {
        SpecificAvroSerde<RollupKey> keySerde = new SpecificAvroSerde<>(RollupKey.class, registry, true);
        RollupKey key = RollupKey.newBuilder().setDimension(Dimension.USER).setDimensionValue("alice")
                .setWindowStart(Instant.parse("2026-11-22T10:15:00Z")).build();

        keySerde.serializer().serialize("burnwatch.rollups.1m", key);
        serde.serializer().serialize(TOPIC, Contracts.usage());

        assertThat(registry.idOf("burnwatch.rollups.1m-key", RollupKey.getClassSchema())).isPositive();
        assertThat(registry.idOf(TOPIC + "-value", UsageEvent.getClassSchema())).isPositive();
        assertThatThrownBy(() -> registry.idOf("burnwatch.rollups.1m-value", RollupKey.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    @DisplayName("with TopicRecordNameStrategy two record types share a topic, each under <topic>-<record name>")
    void topicRecordNameStrategy() {
        Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://serde-test",
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        SpecificAvroSerde<UsageEvent> usage = new SpecificAvroSerde<>(UsageEvent.class);
        SpecificAvroSerde<RollupKey> other = new SpecificAvroSerde<>(RollupKey.class);
        usage.configure(config, false);
        other.configure(config, false);
        RollupKey key = RollupKey.newBuilder().setDimension(Dimension.USER).setDimensionValue("alice")
                .setWindowStart(Instant.parse("2026-11-22T10:15:00Z")).build();

        byte[] usageBytes = usage.serializer().serialize("burnwatch.late", Contracts.usage());
        byte[] keyBytes = other.serializer().serialize("burnwatch.late", key);

        SchemaRegistryClient shared = SchemaRegistries.forUrl("mock://serde-test", null);
        assertThat(shared.idOf("burnwatch.late-io.burnwatch.schema.UsageEvent", UsageEvent.getClassSchema()))
                .isEqualTo(ByteBuffer.wrap(usageBytes, 1, 4).getInt());
        assertThat(shared.idOf("burnwatch.late-io.burnwatch.schema.RollupKey", RollupKey.getClassSchema()))
                .isEqualTo(ByteBuffer.wrap(keyBytes, 1, 4).getInt());
        assertThat(usage.deserializer().deserialize("burnwatch.late", usageBytes)).isEqualTo(Contracts.usage());
        assertThatThrownBy(() -> SubjectNameStrategy.parse("SubjectByMood"))
                .hasMessageContaining("TopicRecordNameStrategy");
    }

    @Test
    @DisplayName("configured by properties, serdes of one mock:// scope share a registry")
    void configuredFromProperties() {
        Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://serde-test");
        SpecificAvroSerde<UsageEvent> writer = new SpecificAvroSerde<>(UsageEvent.class);
        SpecificAvroSerde<UsageEvent> reader = new SpecificAvroSerde<>(UsageEvent.class);
        writer.configure(config, false);
        reader.configure(config, false);

        byte[] bytes = writer.serializer().serialize(TOPIC, Contracts.usage());

        assertThat(reader.deserializer().deserialize(TOPIC, bytes)).isEqualTo(Contracts.usage());
    }

    @Test
    @DisplayName("without a registry URL the serde refuses to start and says which setting is missing")
    void missingRegistryUrl() {
        assertThatThrownBy(() -> new SpecificAvroSerde<>(UsageEvent.class).configure(Map.of(), false))
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    @DisplayName("with auto-registration off, an unregistered schema is an error, a registered one is used")
    void autoRegisterOff() {
        Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://serde-test",
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        SpecificAvroSerializer<UsageEvent> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, Contracts.usage()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC + "-value");

        int id = SchemaRegistries.forUrl("mock://serde-test", null).register(TOPIC + "-value", UsageEvent.getClassSchema());
        assertThat(ByteBuffer.wrap(serializer.serialize(TOPIC, Contracts.usage()), 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    @DisplayName("null stays null both ways, as tombstones need")
    void nulls() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    @DisplayName("a record written with an older schema decodes, the missing fields taking their defaults")
    void olderWriterSchema() throws IOException {
        Schema older;
        try (InputStream in = getClass().getResourceAsStream("/evolution/UsageEvent-without-repo.avsc")) {
            older = new Schema.Parser().parse(in);
        }
        int olderId = registry.register(TOPIC + "-value", older);
        GenericRecord old = new GenericData.Record(older);
        old.put("event_id", "evt-old");
        old.put("ts", 1_700_000_000_000L);
        old.put("user_id", "bob");
        old.put("session_id", "s-9");
        old.put("initiator", new GenericData.EnumSymbol(older.getField("initiator").schema(), "HUMAN"));
        old.put("model", "gpt-5");
        old.put("input_tokens", 10L);
        old.put("output_tokens", 20L);
        old.put("cache_read_tokens", 30L);
        old.put("cache_write_tokens", 40L);

        UsageEvent read = serde.deserializer().deserialize(TOPIC, framed(olderId, older, old));

        assertThat(read.getEventId()).isEqualTo("evt-old");
        assertThat(read.getTs()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(read.getCacheWriteTokens()).isEqualTo(40L);
        assertThat(read.getRepo()).isNull();
        assertThat(read.getPromptHash()).isNull();
    }

    @Test
    @DisplayName("bytes that are not wire format are rejected with a reason")
    void badMagicByte() {
        byte[] bytes = serde.serializer().serialize(TOPIC, Contracts.usage());
        bytes[0] = 7;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 7");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte header");
    }

    @Test
    @DisplayName("a schema id the registry does not know is rejected, naming the id")
    void unknownSchemaId() {
        byte[] bytes = serde.serializer().serialize(TOPIC, Contracts.usage());
        ByteBuffer.wrap(bytes).put(1, (byte) 0).putInt(1, 4242);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 4242");
    }

    @Test
    @DisplayName("truncated or padded payloads are rejected rather than half-read")
    void truncatedAndPaddedPayloads() {
        byte[] bytes = serde.serializer().serialize(TOPIC, Contracts.usage());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Trailing bytes");
    }

    private static byte[] plainAvro(UsageEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<UsageEvent>(UsageEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
