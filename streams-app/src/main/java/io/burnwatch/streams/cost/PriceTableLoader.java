package io.burnwatch.streams.cost;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the prices topic with a price table, by default {@link DefaultPriceTable}, but only while the topic holds
 * no record: prices someone has written are never overwritten. Two loaders racing on an empty topic write the same
 * table twice, which compaction folds into one.
 */
public final class PriceTableLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PriceTableLoader.class);

    private final BurnwatchConfig config;

    public PriceTableLoader(BurnwatchConfig config) {
        this.config = config;
    }

    /**
     * Writes {@code table}, keyed by canonical model id, if the prices topic is empty.
     *
     * @return how many models were written: 0 if the topic held records already
     * @throws IllegalStateException if the topic does not exist or Kafka cannot be reached
     */
    public int loadIfEmpty(Admin admin, List<ModelPrices> table) {
        String topic = config.pricesTopic();
        if (!isEmpty(admin, topic)) {
            LOG.info("Prices topic {} holds prices already: not loading the price table", topic);
            return 0;
        }
        Map<String, Object> producerConfig = new HashMap<>(config.producerConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (Producer<String, ModelPrices> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                BurnwatchSerdes.from(config).prices().serializer())) {
            for (ModelPrices prices : table) {
                producer.send(new ProducerRecord<>(topic, ModelNames.canonical(prices.getModel()), prices));
            }
            producer.flush();
        }
        LOG.info("Loaded prices of {} models into {}", table.size(), topic);
        return table.size();
    }

    /** Whether no partition of {@code topic} retains a record. */
    private boolean isEmpty(Admin admin, String topic) {
        try {
            TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            List<TopicPartition> partitions = described.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, partitions, OffsetSpec.latest());
            return partitions.stream().allMatch(p -> earliest.get(p).offset() == latest.get(p).offset());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("Prices topic " + topic + " does not exist: create it with"
                        + " --create-topics, or set " + BurnwatchSettings.TOPIC_PRICES + " to an existing topic", e);
            }
            throw new IllegalStateException("Cannot read the offsets of " + topic + " on Kafka at "
                    + config.bootstrapServers() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the offsets of " + topic, e);
        }
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
                                                                      OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get();
    }
}
