package io.burnwatch.sim.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    @DisplayName("defaults are idempotent, acks=all, lz4, large batches and a short linger")
    void defaultsAreSafeAndFast() {
        Properties config = ProducerSettings.producerConfig(new Properties());

        assertThat(config).containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", "262144")
                .containsEntry("key.serializer", StringSerializer.class.getName())
                .containsEntry("value.serializer", ByteArraySerializer.class.getName());
    }

    @Test
    @DisplayName("client properties override the defaults but not the serializers")
    void clientPropertiesOverrideDefaultsButNotTheSerializers() {
        Properties client = new Properties();
        client.setProperty("security.protocol", "SASL_SSL");
        client.setProperty("linger.ms", "50");
        client.setProperty("value.serializer", StringSerializer.class.getName());

        Properties config = ProducerSettings.producerConfig(client);

        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "50")
                .containsEntry("value.serializer", ByteArraySerializer.class.getName());
    }
}
