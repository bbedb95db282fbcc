package io.burnwatch.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.streams.config.BurnwatchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Topic setup on a real broker")
class BurnwatchTopicsIT {

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("creates the fifteen topics: twelve with the configured partitions, alerts compacted, prices, budgets and identities compacted in one partition")
    void createsAllTopics() throws Exception {
        BurnwatchConfig config = config("fresh", 4);

        Set<String> created = new BurnwatchTopics(config).ensure(admin);

        List<String> all = List.of(config.usageTopic(), config.outcomesTopic(), config.usageJsonTopic(),
                config.outcomesJsonTopic(), config.alertsTopic(), config.rollups1mTopic(), config.rollups1hTopic(),
                config.rollups1dTopic(), config.lateTopic(), config.dlqTopic(), config.otlpLogsTopic(), config.webhooksTopic());
        assertThat(created).containsExactlyInAnyOrderElementsOf(Stream.concat(all.stream(),
                Stream.of(config.pricesTopic(), config.budgetsTopic(), config.identitiesTopic())).toList());
        for (String topic : all) {
            assertThat(partitions(topic)).as(topic).isEqualTo(4);
        }
        assertThat(partitions(config.pricesTopic())).isEqualTo(1);
        assertThat(partitions(config.budgetsTopic())).isEqualTo(1);
        assertThat(cleanupPolicy(config.alertsTopic())).isEqualTo("compact,delete");
        assertThat(cleanupPolicy(config.pricesTopic())).isEqualTo("compact");
        assertThat(cleanupPolicy(config.budgetsTopic())).isEqualTo("compact");
        assertThat(partitions(config.identitiesTopic())).isEqualTo(1);
        assertThat(cleanupPolicy(config.identitiesTopic())).isEqualTo("compact");
    }

    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    @Test
    @DisplayName("creates nothing the second time")
    void isIdempotent() {
        BurnwatchConfig config = config("twice", 2);
        new BurnwatchTopics(config).ensure(admin);

        assertThat(new BurnwatchTopics(config).ensure(admin)).isEmpty();
    }

    @Test
    @DisplayName("gives a missing input topic the partition count of the existing one")
    void keepsInputsCoPartitioned() throws Exception {
        BurnwatchConfig config = config("half", 6);
        admin.createTopics(List.of(new NewTopic(config.usageTopic(), Optional.of(2), Optional.empty()))).all().get();
        awaitDescribable(config.usageTopic());

        new BurnwatchTopics(config).ensure(admin);

        assertThat(partitions(config.outcomesTopic())).isEqualTo(2);
        assertThat(partitions(config.usageJsonTopic())).as("JSON input as many as usage").isEqualTo(2);
        assertThat(partitions(config.alertsTopic())).isEqualTo(6);
    }

    @Test
    @DisplayName("refuses to run with a partition count other than the inputs', by which records are placed")
    void requiresTheInputsPartitionCount() throws Exception {
        BurnwatchConfig config = config("counted", 6);
        admin.createTopics(List.of(new NewTopic(config.usageTopic(), Optional.of(3), Optional.empty()))).all().get();
        awaitDescribable(config.usageTopic());
        new BurnwatchTopics(config).ensure(admin);

        assertThatThrownBy(() -> new BurnwatchTopics(config).requireInputPartitions(admin))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("counted.usage has 3 partitions but burnwatch.topic.partitions is 6: set"
                        + " burnwatch.topic.partitions to 3, the input topics' count, by which burnwatch tells each"
                        + " user's partition");
        new BurnwatchTopics(config("counted", 3)).requireInputPartitions(admin);
    }

    @Test
    @DisplayName("refuses inputs with different partition counts, saying which and how to fix it")
    void refusesMismatchedInputs() throws Exception {
        BurnwatchConfig config = config("mismatch", 6);
        admin.createTopics(List.of(
                new NewTopic(config.usageTopic(), Optional.of(3), Optional.empty()),
                new NewTopic(config.outcomesTopic(), Optional.of(2), Optional.empty()))).all().get();
        awaitDescribable(config.usageTopic(), config.outcomesTopic());

        assertThatThrownBy(() -> new BurnwatchTopics(config).ensure(admin))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("mismatch.usage has 3 partitions but mismatch.outcomes has 2: they must have the same"
                        + " count (co-partitioned by user_id); recreate or expand one to match");
        assertThat(admin.listTopics().names().get()).doesNotContain(config.alertsTopic());
    }

    private static BurnwatchConfig config(String prefix, int partitions) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("burnwatch.topic.partitions", Integer.toString(partitions));
        settings.put("burnwatch.topic.usage", prefix + ".usage");
        settings.put("burnwatch.topic.outcomes", prefix + ".outcomes");
        settings.put("burnwatch.topic.alerts", prefix + ".alerts");
        settings.put("burnwatch.topic.rollups.1m", prefix + ".rollups.1m");
        settings.put("burnwatch.topic.rollups.1h", prefix + ".rollups.1h");
        settings.put("burnwatch.topic.rollups.1d", prefix + ".rollups.1d");
        settings.put("burnwatch.topic.late", prefix + ".late");
        settings.put("burnwatch.topic.dlq", prefix + ".dlq");
        settings.put("burnwatch.topic.prices", prefix + ".prices");
        settings.put("burnwatch.topic.budgets", prefix + ".budgets");
        settings.put("burnwatch.topic.usage.json", prefix + ".usage.json");
        settings.put("burnwatch.topic.outcomes.json", prefix + ".outcomes.json");
        settings.put("burnwatch.topic.otlp.logs", prefix + ".otlp.logs");
        settings.put("burnwatch.topic.webhooks", prefix + ".webhooks");
        settings.put("burnwatch.topic.identities", prefix + ".identities");
        return BurnwatchConfig.of(settings);
    }

    private static void awaitDescribable(String... topics) {
        for (String topic : topics) {
            partitions(topic);
        }
    }

    /** Waits out metadata propagation: a topic just created may not be describable at once. */
    private static int partitions(String topic) {
        return Await.until(Duration.ofSeconds(30), "a description of " + topic, () -> {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            } catch (Exception e) {
                return null;
            }
        });
    }
}
