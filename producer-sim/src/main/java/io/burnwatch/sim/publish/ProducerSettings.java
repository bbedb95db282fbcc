package io.burnwatch.sim.publish;

import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroSerializer;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer's configuration: safe delivery defaults, then the user's extra properties on top. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    /**
     * Idempotent, acks=all, lz4, a short linger. {@code extra} (e.g. SASL/SSL settings) overrides the defaults
     * but not the serializers, which the event types need.
     */
    public static Properties producerConfig(String bootstrapServers, String schemaRegistryUrl, Properties extra) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "burnwatch-sim");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.putAll(extra);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        return config;
    }
}
