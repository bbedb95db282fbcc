package io.burnwatch.stack;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.sim.score.TopicSnapshot;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.ledger.LedgerSettings;
import io.burnwatch.streams.ledger.WindowSize;
import io.burnwatch.streams.testing.LateRecord;
import io.burnwatch.streams.testing.LedgerOutput;
import io.burnwatch.streams.testing.WireEvents;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads burnwatch's input and output topics from the beginning to their current ends, committed records only, as
 * a downstream consumer would: once the app has caught up, a consistent picture of what came in and went out.
 */
final class Readback {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final BurnwatchConfig config;
    private final Properties client = new Properties();
    private final WireEvents events;

    Readback(BurnwatchConfig config, WireEvents events) {
        this.config = config;
        this.events = events;
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        client.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
    }

    DrillInput input() {
        return DrillInput.of(raw(config.usageTopic()), raw(config.outcomesTopic()), events);
    }

    LedgerOutput ledger() {
        LedgerSettings ledger = LedgerSettings.from(config);
        Map<WindowSize, List<ConsumerRecord<RollupKey, UsageRollup>>> rollups = new EnumMap<>(WindowSize.class);
        for (WindowSize size : WindowSize.values()) {
            rollups.put(size, read(ledger.rollupTopic(size), new SpecificAvroDeserializer<>(RollupKey.class),
                    new SpecificAvroDeserializer<>(UsageRollup.class)));
        }
        return new LedgerOutput(rollups, raw(ledger.lateTopic()).stream().map(r -> LateRecord.of(r, events)).toList());
    }

    List<ConsumerRecord<String, byte[]>> deadLetters() {
        return raw(config.dlqTopic());
    }

    List<Alert> alerts() {
        return read(config.alertsTopic(), new StringDeserializer(), new SpecificAvroDeserializer<>(Alert.class)).stream()
                .map(ConsumerRecord::value).toList();
    }

    private List<ConsumerRecord<String, byte[]>> raw(String topic) {
        return read(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <K, V> List<ConsumerRecord<K, V>> read(String topic, Deserializer<K> keys, Deserializer<V> values) {
        return TopicSnapshot.records(client, topic, keys, values, TIMEOUT);
    }
}
