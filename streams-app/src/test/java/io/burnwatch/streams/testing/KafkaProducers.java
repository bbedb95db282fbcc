package io.burnwatch.streams.testing;

import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka producers for integration tests, configured as a real client of burnwatch would be. */
public final class KafkaProducers {

    private KafkaProducers() {
    }

    /** Writes Avro records in the Confluent wire format, registering schemas with {@code registryUrl}. */
    public static KafkaProducer<String, SpecificRecord> avroProducer(String bootstrapServers, String registryUrl) {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), values);
    }

    public static KafkaProducer<String, byte[]> rawProducer(String bootstrapServers) {
        return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes plain UTF-8 strings, as a shell script with kcat would: JSON input. */
    public static KafkaProducer<String, String> stringProducer(String bootstrapServers) {
        return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }
}
