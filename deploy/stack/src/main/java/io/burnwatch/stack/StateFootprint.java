package io.burnwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The streams app's local state on disk against the sessions it holds: the bytes under its state directory
 * (read once the app has stopped, so that RocksDB has flushed its memtables) and the sessions in the idle
 * detector's store, counted as the live keys of that store's changelog.
 *
 * @param stateBytes the bytes of every store of the app
 * @param sessionStoreBytes the bytes of the store of sessions
 * @param sessions the sessions in that store
 */
record StateFootprint(long stateBytes, long sessionStoreBytes, long sessions) {

    static final String SESSION_STORE = "idle-sessions";
    private static final Duration POLL = Duration.ofMillis(500);

    double bytesPerSession() {
        return sessions == 0 ? 0 : (double) stateBytes / sessions;
    }

    double sessionStoreBytesPerSession() {
        return sessions == 0 ? 0 : (double) sessionStoreBytes / sessions;
    }

    static StateFootprint of(Path stateDir, String bootstrapServers, String applicationId) {
        return new StateFootprint(bytesUnder(stateDir, path -> true),
                bytesUnder(stateDir, path -> path.toString().contains("/" + SESSION_STORE + "/")
                        || path.toString().contains("/" + SESSION_STORE + ".")),
                liveKeys(bootstrapServers, applicationId + "-" + SESSION_STORE + "-changelog"));
    }

    private static long bytesUnder(Path dir, Predicate<Path> which) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(which).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new StackFailure("Cannot measure the state in " + dir + ": " + e.getMessage());
        }
    }

    /** The keys whose last record on a compacted topic is not a tombstone. */
    private static long liveKeys(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Set<ByteBuffer> live = new HashSet<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.value() == null) {
                        live.remove(ByteBuffer.wrap(record.key()));
                    } else {
                        live.add(ByteBuffer.wrap(record.key()));
                    }
                }
            }
            return live.size();
        }
    }
}
