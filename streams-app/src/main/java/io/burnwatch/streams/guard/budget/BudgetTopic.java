package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.streams.BrokerCheck;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.serde.BurnwatchSerdes;
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
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The budgets topic as the budget command sees it: budgets to write by scope, and the latest budget of each. */
final class BudgetTopic implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final BurnwatchConfig config;
    private final Serde<Budget> serde;
    private final List<TopicPartition> partitions;

    private BudgetTopic(BurnwatchConfig config, Serde<Budget> serde, List<TopicPartition> partitions) {
        this.config = config;
        this.serde = serde;
        this.partitions = partitions;
    }

    /**
     * @throws IllegalStateException if the topic does not exist or no broker answers within burnwatch.startup.timeout
     */
    static BudgetTopic of(BurnwatchConfig config) {
        String topic = config.budgetsTopic();
        BrokerCheck.awaitBroker(config);
        try (Admin admin = Admin.create(config.adminConfig())) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new BudgetTopic(config, BurnwatchSerdes.from(config).budget(), partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("Budgets topic " + topic + " does not exist: create it by starting the app"
                        + " with --create-topics, or set " + BurnwatchSettings.TOPIC_BUDGETS + " to an existing topic", e);
            }
            throw new IllegalStateException("Cannot describe " + topic + " on Kafka at " + config.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topic, e);
        }
    }

    /** Writes {@code budget} keyed by {@code scope}; null removes the scope's budget. */
    void write(String scope, Budget budget) {
        Map<String, Object> producerConfig = new HashMap<>(config.producerConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, Budget> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(config.budgetsTopic(), scope, budget)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + config.budgetsTopic() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to " + config.budgetsTopic(), e);
        }
    }

    /** The latest budget of every scope that has one, by scope, read from the beginning to the current end. */
    Map<String, Budget> readAll() {
        Map<String, Object> consumerConfig = new HashMap<>(config.consumerConfig());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Budget> latest = new TreeMap<>();
        try (KafkaConsumer<String, Budget> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                serde.deserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, Budget> record : consumer.poll(POLL)) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return latest;
    }

    @Override
    public void close() {
        serde.close();
    }
}
