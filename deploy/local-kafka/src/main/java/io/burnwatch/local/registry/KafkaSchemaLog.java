package io.burnwatch.local.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry's log on Kafka: one compacted, single-partition topic, written synchronously, read on start. */
final class KafkaSchemaLog implements SchemaLog, AutoCloseable {

    static final String TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Opens the log on {@code bootstrapServers}, creating the topic if it does not exist yet. */
    static KafkaSchemaLog open(String bootstrapServers) throws IOException {
        createTopicIfMissing(bootstrapServers);
        return new KafkaSchemaLog(bootstrapServers);
    }

    private static void createTopicIfMissing(String bootstrapServers) throws IOException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            NewTopic topic = new NewTopic(TOPIC, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created topic {} on {}", TOPIC, bootstrapServers);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(bootstrapServers, e.getCause());
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IOException("Cannot create topic " + TOPIC + " on Kafka at " + bootstrapServers + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while creating topic " + TOPIC, e);
        }
    }

    private static IOException unreachable(String bootstrapServers, Throwable cause) {
        return new IOException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds()
                + " s: start it or point the registry at a running one", cause);
    }

    /** Hands every entry of the log, oldest first, to {@code apply}; returns how many there were. */
    int replay(Consumer<SchemaLogEntry> apply) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), TIMEOUT).get(PARTITION);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int entries = 0;
            while (consumer.position(PARTITION, TIMEOUT) < end) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException("Could not read topic " + TOPIC + " up to offset " + end + " within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (replayOne(record, apply)) {
                        entries++;
                    }
                }
            }
            return entries;
        } catch (KafkaException e) {
            throw new IOException("Cannot read topic " + TOPIC + " on Kafka at " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean replayOne(ConsumerRecord<byte[], byte[]> record, Consumer<SchemaLogEntry> apply) {
        try {
            Optional<SchemaLogEntry> entry = SchemaLogCodec.decode(record.key(), record.value());
            entry.ifPresent(apply);
            return entry.isPresent();
        } catch (IOException | RuntimeException e) {
            // The record stays in the topic; skipping it keeps the registry serving the schemas it can read.
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), TOPIC, e.getMessage());
            return false;
        }
    }

    @Override
    public void append(SchemaLogEntry entry) throws RegistryException {
        try {
            producer.send(new ProducerRecord<>(TOPIC, 0, SchemaLogCodec.key(entry), SchemaLogCodec.value(entry)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw RegistryException.storeFailed("cannot write to " + TOPIC + ": " + e.getCause().getMessage(), e);
        } catch (IOException | TimeoutException | KafkaException e) {
            throw RegistryException.storeFailed("cannot write to " + TOPIC + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeFailed("interrupted while writing to " + TOPIC, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
