package io.burnwatch.sim.score;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed record of a topic up to its end offsets at the time of reading, without a consumer group:
 * the scorer sees one consistent snapshot and commits nothing.
 */
public final class TopicSnapshot {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicSnapshot() {
    }

    public static <V> List<V> read(Properties clientConfig, String topic, Deserializer<V> values, Duration timeout) {
        return records(clientConfig, topic, new StringDeserializer(), values, timeout).stream()
                .map(ConsumerRecord::value).filter(Objects::nonNull).toList();
    }

    /** Every record, tombstones included, with its key, headers and offset. */
    public static <K, V> List<ConsumerRecord<K, V>> records(Properties clientConfig, String topic, Deserializer<K> keys,
                                                            Deserializer<V> values, Duration timeout) {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Alerts are written in transactions: an aborted one must not count.
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        keys.configure(toMap(config), true);
        values.configure(toMap(config), false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<K, V>> read = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(POLL).forEach(read::add);
            }
            return read;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, ?> toMap(Properties config) {
        return (Map) config;
    }
}
