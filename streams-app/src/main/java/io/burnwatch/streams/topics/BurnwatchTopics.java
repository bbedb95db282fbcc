package io.burnwatch.streams.topics;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates burnwatch's input, output (alerts, rollups, late events, dead letters), prices and budgets topics when missing. Kafka Streams creates its own internal topics; these
 * are the ones it expects to exist. Usage and outcomes must have the same partition count, because the burn
 * detector joins a user's usage and outcomes within one task.
 */
public final class BurnwatchTopics {

    private static final Logger LOG = LoggerFactory.getLogger(BurnwatchTopics.class);

    private final BurnwatchConfig config;

    public BurnwatchTopics(BurnwatchConfig config) {
        this.config = config;
    }

    /**
     * Creates whichever topics are missing and returns their names. A missing input topic gets the partition
     * count of the one that exists, so the two stay co-partitioned.
     *
     * @throws IllegalStateException if usage and outcomes exist with different partition counts
     */
    public Set<String> ensure(Admin admin) {
        Set<String> existing = call(() -> admin.listTopics().names().get());
        int inputPartitions = checkCoPartitioned(admin, existing).orElse(config.topicPartitions());

        List<NewTopic> missing = new ArrayList<>();
        for (NewTopic topic : topics(inputPartitions)) {
            if (!existing.contains(topic.name())) {
                missing.add(topic);
            }
        }
        boolean raced = false;
        Set<String> made = new LinkedHashSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get();
                made.add(created.getKey());
                LOG.info("Created topic {}", created.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("create topic " + created.getKey(), e);
                }
                raced = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("create topic " + created.getKey(), e);
            }
        }
        if (raced) {
            // Someone else created a topic meanwhile, perhaps with other partition counts.
            checkCoPartitioned(admin, call(() -> admin.listTopics().names().get()));
        }
        awaitLeaders(admin, made);
        // A topic created just before may not be listed yet; it then counts as existing, not as created here.
        return missing.stream().map(NewTopic::name).filter(made::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Fails unless the input topics that exist have {@code burnwatch.topic.partitions} partitions: the app tells
     * by that count whether a record was written to its user's partition, so a wrong count would move records
     * that are in place and leave misplaced ones where they are.
     *
     * @throws IllegalStateException naming the topic, both counts and the fix
     */
    public void requireInputPartitions(Admin admin) {
        Set<String> existing = call(() -> admin.listTopics().names().get());
        checkCoPartitioned(admin, existing).ifPresent(count -> {
            if (count != config.topicPartitions()) {
                throw new IllegalStateException(config.usageTopic() + " has " + count + " partitions but "
                        + BurnwatchSettings.TOPIC_PARTITIONS + " is " + config.topicPartitions() + ": set "
                        + BurnwatchSettings.TOPIC_PARTITIONS + " to " + count
                        + ", the input topics' count, by which burnwatch tells each user's partition");
            }
        });
    }

    /** The topics burnwatch needs, with inputs of {@code inputPartitions} partitions. */
    List<NewTopic> topics(int inputPartitions) {
        Optional<Short> brokerDefaultReplication = Optional.empty();
        int partitions = config.topicPartitions();
        return List.of(
                new NewTopic(config.usageTopic(), Optional.of(inputPartitions), brokerDefaultReplication),
                new NewTopic(config.outcomesTopic(), Optional.of(inputPartitions), brokerDefaultReplication),
                new NewTopic(config.usageJsonTopic(), Optional.of(inputPartitions), brokerDefaultReplication),
                new NewTopic(config.outcomesJsonTopic(), Optional.of(inputPartitions), brokerDefaultReplication),
                new NewTopic(config.alertsTopic(), Optional.of(partitions), brokerDefaultReplication)
                        // The latest state per alert_id is what matters; old alerts still age out.
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE)),
                new NewTopic(config.rollups1mTopic(), Optional.of(partitions), brokerDefaultReplication),
                new NewTopic(config.rollups1hTopic(), Optional.of(partitions), brokerDefaultReplication),
                new NewTopic(config.rollups1dTopic(), Optional.of(partitions), brokerDefaultReplication),
                new NewTopic(config.lateTopic(), Optional.of(partitions), brokerDefaultReplication),
                new NewTopic(config.dlqTopic(), Optional.of(partitions), brokerDefaultReplication),
                // Every instance reads all of it into a global store: one partition is enough, and compaction
                // keeps the latest ModelPrices per model, which holds all of that model's price versions.
                new NewTopic(config.pricesTopic(), Optional.of(1), brokerDefaultReplication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                // Read whole into a global store too, and compacted to the latest Budget per scope.
                new NewTopic(config.budgetsTopic(), Optional.of(1), brokerDefaultReplication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(config.otlpLogsTopic(), Optional.of(partitions), brokerDefaultReplication),
                new NewTopic(config.webhooksTopic(), Optional.of(partitions), brokerDefaultReplication),
                // Read whole into a global store, like budgets.
                new NewTopic(config.identitiesTopic(), Optional.of(1), brokerDefaultReplication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /**
     * Waits until every partition of {@code topics} has a leader: a topic is created before its partitions are
     * served, and whoever writes or lists offsets at once would otherwise be told it does not exist.
     */
    private void awaitLeaders(Admin admin, Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                if (described.values().stream().flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("describe the created topics", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("describe the created topics", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Created topics " + topics + " have no leader after "
                        + config.startupTimeout() + ": check the brokers, or raise " + BurnwatchSettings.STARTUP_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("describe the created topics", e);
            }
        }
    }

    /** The input partition count if either input exists; fails if both exist with different counts. */
    private Optional<Integer> checkCoPartitioned(Admin admin, Set<String> existing) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String topic : List.of(config.usageTopic(), config.outcomesTopic())) {
            if (existing.contains(topic)) {
                Map<String, TopicDescription> described = call(() -> admin.describeTopics(List.of(topic)).allTopicNames().get());
                counts.put(topic, described.get(topic).partitions().size());
            }
        }
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException(config.usageTopic() + " has " + counts.get(config.usageTopic())
                    + " partitions but " + config.outcomesTopic() + " has " + counts.get(config.outcomesTopic())
                    + ": they must have the same count (co-partitioned by user_id); recreate or expand one to match");
        }
        return counts.values().stream().findFirst();
    }

    private interface AdminCall<T> {
        T get() throws ExecutionException, InterruptedException;
    }

    private <T> T call(AdminCall<T> request) {
        try {
            return request.get();
        } catch (ExecutionException e) {
            throw failure("list or describe topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("list or describe topics", e);
        }
    }

    private IllegalStateException failure(String action, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Cannot " + action + " on Kafka at " + config.bootstrapServers() + ": "
                + cause.getMessage(), cause);
    }
}
