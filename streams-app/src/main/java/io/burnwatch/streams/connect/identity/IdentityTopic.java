package io.burnwatch.streams.connect.identity;

import io.burnwatch.streams.BrokerCheck;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The identity map's topic as the identity command sees it: user ids to write by identity key, and the latest of each. */
final class IdentityTopic {

    private static final Duration POLL = Duration.ofMillis(200);

    private final BurnwatchConfig config;
    private final List<TopicPartition> partitions;

    private IdentityTopic(BurnwatchConfig config, List<TopicPartition> partitions) {
        this.config = config;
        this.partitions = partitions;
    }

    /**
     * @throws IllegalStateException if the topic does not exist or no broker answers within burnwatch.startup.timeout
     */
    static IdentityTopic of(BurnwatchConfig config) {
        String topic = config.identitiesTopic();
        BrokerCheck.awaitBroker(config);
        try (Admin admin = Admin.create(config.adminConfig())) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new IdentityTopic(config, partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("Identity map topic " + topic + " does not exist: create it by starting"
                        + " the app with --create-topics, or set " + BurnwatchSettings.TOPIC_IDENTITIES
                        + " to an existing topic", e);
            }
            throw new IllegalStateException("Cannot describe " + topic + " on Kafka at " + config.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topic, e);
        }
    }

    /** Writes {@code userId} keyed by {@code identity}'s key; null removes the mapping. */
    void write(Identity identity, String userId) {
        Map<String, Object> producerConfig = new HashMap<>(config.producerConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(config.identitiesTopic(), identity.key(), userId)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + config.identitiesTopic() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to " + config.identitiesTopic(), e);
        }
    }

    /** The user id of every mapped identity, by identity key, read from the beginning to the current end. */
    Map<String, String> readAll() {
        Map<String, Object> consumerConfig = new HashMap<>(config.consumerConfig());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, String> latest = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    apply(latest, record.key(), record.value());
                }
            }
        }
        return latest;
    }

    /** Applies one record of the topic as the app's identity store does: keys normalised, a blank value removes. */
    static void apply(Map<String, String> map, String key, String value) {
        if (key == null) {
            return;
        }
        String normalised;
        try {
            normalised = Identity.parse(key).key();
        } catch (IllegalArgumentException e) {
            return;
        }
        if (value == null || value.isBlank()) {
            map.remove(normalised);
        } else {
            map.put(normalised, value.trim());
        }
    }
}
