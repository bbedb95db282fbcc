package io.burnwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.streams.alert.BurnStores;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.cost.PriceStore;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
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
    @DisplayName("is a single sub-topology reading usage and outcomes: no repartitioning, so inputs must be co-partitioned")
    void oneSubTopologyOverBothInputs() {
        assertThat(description.subtopologies()).hasSize(1);
        Set<String> sources = description.subtopologies().iterator().next().nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
        assertThat(sources).containsExactlyInAnyOrder(config.usageTopic(), config.outcomesTopic());
    }

    @Test
    @DisplayName("keeps the prices topic in one global store, the only one")
    void pricesInAGlobalStore() {
        assertThat(description.globalStores()).hasSize(1);
        TopologyDescription.GlobalStore prices = description.globalStores().iterator().next();
        assertThat(prices.source().topicSet()).containsExactly(config.pricesTopic());
        assertThat(prices.processor().stores()).containsExactly(PriceStore.NAME);
    }

    @Test
    @DisplayName("writes to the alerts and rollups topics")
    void sinks() {
        Set<String> sinks = description.subtopologies().iterator().next().nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Sink)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .collect(Collectors.toSet());
        assertThat(sinks).containsExactlyInAnyOrder(config.alertsTopic(), config.rollups1mTopic());
    }

    @Test
    @DisplayName("shares the burn stores between the usage and outcome processors")
    void sharedStores() {
        Set<String> stores = description.subtopologies().iterator().next().nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Processor)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toSet());
        assertThat(stores).contains(BurnStores.ALL);
    }
}
