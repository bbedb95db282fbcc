package io.burnwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.streams.idle.IdleStores;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.connect.identity.IdentityStore;
import io.burnwatch.streams.cost.PriceStore;
import io.burnwatch.streams.guard.budget.BudgetStore;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyDescription.Subtopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Topology shape")
class BurnwatchTopologyTest {

    private final BurnwatchConfig config = BurnwatchConfig.of(Map.of("schema.registry.url", "mock://topology-shape"));
    private final TopologyDescription description = BurnwatchTopology.build(config, BurnwatchSerdes.from(config)).describe();

    @AfterEach
    void dropRegistryScope() {
        SchemaRegistries.dropScope(config.schemaRegistryUrl());
    }

    @Test
    @DisplayName("reads usage and outcomes, and those moved to their user's partition, in one sub-topology (so they must"
            + " be co-partitioned), then teams, the partials of closed user windows, and JSON input")
    void subTopologies() {
        assertThat(description.subtopologies()).extracting(BurnwatchTopologyTest::sources)
                .containsExactlyInAnyOrder(Set.of(config.usageTopic(), config.outcomesTopic(),
                                "usage-misplaced-repartition", "outcomes-misplaced-repartition"),
                        Set.of("ledger-team-repartition"), Set.of("ledger-partials-repartition"),
                        Set.of(config.usageJsonTopic()), Set.of(config.outcomesJsonTopic()),
                        Set.of(config.otlpLogsTopic()), Set.of(config.webhooksTopic()));
    }

    @Test
    @DisplayName("keeps the prices, budgets and identities topics in global stores, the only ones")
    void pricesBudgetsAndIdentitiesInGlobalStores() {
        assertThat(description.globalStores()).hasSize(3);
        assertThat(description.globalStores()).anySatisfy(store -> {
            assertThat(store.source().topicSet()).containsExactly(config.pricesTopic());
            assertThat(store.processor().stores()).containsExactly(PriceStore.NAME);
        });
        assertThat(description.globalStores()).anySatisfy(store -> {
            assertThat(store.source().topicSet()).containsExactly(config.budgetsTopic());
            assertThat(store.processor().stores()).containsExactly(BudgetStore.NAME);
        });
        assertThat(description.globalStores()).anySatisfy(store -> {
            assertThat(store.source().topicSet()).containsExactly(config.identitiesTopic());
            assertThat(store.processor().stores()).containsExactly(IdentityStore.NAME);
        });
    }

    @Test
    @DisplayName("writes alerts, rollups and late events, and JSON input on to the Avro input topics")
    void sinks() {
        Set<String> written = description.subtopologies().stream().flatMap(sub -> sinks(sub).stream())
                .filter(topic -> topic != null && !topic.endsWith("-repartition"))
                .collect(Collectors.toSet());
        assertThat(written).containsExactlyInAnyOrder(config.alertsTopic(), config.rollups1mTopic(),
                config.rollups1hTopic(), config.rollups1dTopic(), config.lateTopic(), config.usageTopic(),
                config.outcomesTopic());
        assertThat(sinks(reading(config.usageJsonTopic()))).containsExactly(config.usageTopic());
        assertThat(sinks(reading(config.outcomesJsonTopic()))).containsExactly(config.outcomesTopic());
        assertThat(sinks(reading(config.otlpLogsTopic()))).containsExactlyInAnyOrder(config.usageTopic(),
                config.outcomesTopic());
        assertThat(sinks(reading(config.webhooksTopic()))).containsExactly(config.outcomesTopic());
    }

    @Test
    @DisplayName("shares the burn stores between the usage and outcome processors, and keeps event ids per input")
    void sharedStores() {
        Set<String> stores = main().nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Processor)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toSet());
        assertThat(stores).contains(IdleStores.SESSIONS, IdleStores.USER_OUTCOMES).contains("usage-event-ids", "outcome-event-ids");
    }

    private Subtopology main() {
        return reading(config.usageTopic());
    }

    private Subtopology reading(String topic) {
        return description.subtopologies().stream().filter(sub -> sources(sub).contains(topic)).findFirst().orElseThrow();
    }

    private static Set<String> sources(Subtopology subtopology) {
        return subtopology.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }

    private static Set<String> sinks(Subtopology subtopology) {
        return subtopology.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Sink)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .collect(Collectors.toSet());
    }
}
