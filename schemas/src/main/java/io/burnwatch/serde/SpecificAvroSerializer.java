package io.burnwatch.serde;

import io.burnwatch.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format under the subject {@code <topic>-key|value}, or as
 * {@code key|value.subject.name.strategy} names it.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private SubjectNameStrategy subjects = SubjectNameStrategy.TOPIC_NAME;
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, Map<String, Integer>> ids = new ConcurrentHashMap<>();
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public SpecificAvroSerializer() {
    }

    public SpecificAvroSerializer(SchemaRegistryClient registry, boolean isKey) {
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = AvroSerdeConfig.client(configs);
        this.autoRegister = AvroSerdeConfig.autoRegister(configs);
        this.subjects = AvroSerdeConfig.subjectNameStrategy(configs, isKey);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = subjects.subject(topic, isKey, schema);
        int id = schemaId(topic, subject, schema);
        try {
            Output out = OUTPUT.get();
            out.reset();
            out.header(id);
            out.encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
            writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, out.encoder);
            out.encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " for " + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * A stream thread's buffer and encoder, kept from record to record: records of state stores run to a few
     * kilobytes, and growing a fresh buffer for each was a good part of the cost of writing them.
     */
    private static final class Output extends ByteArrayOutputStream {
        private BinaryEncoder encoder;

        Output() {
            super(4096);
        }

        void header(int schemaId) {
            WireFormat.writeHeader(ByteBuffer.wrap(buf, 0, WireFormat.HEADER_SIZE), schemaId);
            count = WireFormat.HEADER_SIZE;
        }
    }

    private int schemaId(String topic, String subject, Schema schema) {
        try {
            return ids.computeIfAbsent(schema, s -> new ConcurrentHashMap<>()).computeIfAbsent(topic, t ->
                    autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema));
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot get a schema id for subject " + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // The registry client may be shared (mock scopes); its owner closes it.
    }
}
