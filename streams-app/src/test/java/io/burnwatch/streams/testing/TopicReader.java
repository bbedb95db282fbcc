package io.burnwatch.streams.testing;

import io.burnwatch.local.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from the beginning with {@code isolation.level=read_committed}, as any consumer of an
 * exactly-once pipeline should, and keeps every record read.
 */
public final class TopicReader<K, V> implements AutoCloseable {

    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> read = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic, Deserializer<K> keys, Deserializer<V> values) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                keys, values);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until every record read so far satisfies {@code done}, and returns them all. */
    public List<ConsumerRecord<K, V>> readUntil(Duration timeout, String what, Predicate<List<ConsumerRecord<K, V>>> done) {
        return Await.until(timeout, what, () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            return done.test(read) ? List.copyOf(read) : null;
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
