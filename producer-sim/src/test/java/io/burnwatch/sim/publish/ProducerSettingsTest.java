package io.burnwatch.sim.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.serde.SpecificAvroSerializer;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void defaultsAreSafeAndCompact() {
        Properties config = ProducerSettings.producerConfig("127.0.0.1:9092", "http://127.0.0.1:8081", new Properties());

        assertThat(config).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "20")
                .containsEntry("key.serializer", StringSerializer.class.getName())
                .containsEntry("value.serializer", SpecificAvroSerializer.class.getName());
    }

    @Test
    void extraPropertiesOverrideDefaultsButNotTheSerializers() {
        Properties extra = new Properties();
        extra.setProperty("security.protocol", "SASL_SSL");
        extra.setProperty("linger.ms", "50");
        extra.setProperty("value.serializer", StringSerializer.class.getName());

        Properties config = ProducerSettings.producerConfig("127.0.0.1:9092", "http://127.0.0.1:8081", extra);

        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "50")
                .containsEntry("value.serializer", SpecificAvroSerializer.class.getName());
    }
}
