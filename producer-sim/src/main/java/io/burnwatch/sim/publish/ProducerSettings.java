package io.burnwatch.sim.publish;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer's configuration: safe delivery and throughput defaults, then the user's properties on top. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    /**
     * Idempotent with acks=all, so retries neither lose nor repeat events; lz4 and large batches with a short
     * linger, which is what lets one producer on a small machine reach 100k events/s. {@code client} (e.g.
     * bootstrap servers, registry, SASL/SSL settings) overrides the defaults but not the serializers: values are
     * bytes the sink writes itself, so that it can also send malformed ones.
     */
    public static Properties producerConfig(Properties client) {
        Properties config = new Properties();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "burnwatch-sim");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        config.putAll(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }
}
