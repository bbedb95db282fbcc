package io.burnwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.cost.UnpricedTokens;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Status figures")
class StreamsStatusTest {

    @Test
    @DisplayName("ready is RUNNING with no stream thread lost of late")
    void readyNeedsEveryThread() {
        assertThat(new StreamsStatus(KafkaStreams.State.RUNNING, 0).ready()).isTrue();
        assertThat(new StreamsStatus(KafkaStreams.State.RUNNING, 0, Map.of(), Map.of(), Map.of(), true).ready()).isFalse();
        assertThat(new StreamsStatus(KafkaStreams.State.REBALANCING, 0).ready()).isFalse();
    }

    @Test
    @DisplayName("records consumed sum the stream threads' consumers, not per-topic duplicates, changelog restoration nor prices")
    void sumsMainConsumersOnly() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics", Map.of("client-id", "app-StreamThread-1-consumer"), 40);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics", Map.of("client-id", "app-StreamThread-2-consumer"), 2);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-consumer", "topic", "burnwatch.usage"), 40);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-restore-consumer"), 500);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics", Map.of("client-id", "app-global-consumer"), 19);
        add(metrics, "records-consumed-rate", "consumer-fetch-manager-metrics", Map.of("client-id", "app-StreamThread-1-consumer"), 9);

        assertThat(StreamsStatus.recordsConsumed(metrics)).isEqualTo(42);
    }

    @Test
    @DisplayName("unpriced tokens are summed per model over the threads that recorded them")
    void unpricedTokensPerModel() {
        BurnwatchMetrics metrics = new BurnwatchMetrics(new SimpleMeterRegistry());
        UnpricedTokens thread1 = new UnpricedTokens(metrics);
        UnpricedTokens thread2 = new UnpricedTokens(metrics);
        thread1.record("mystery", 100);
        thread2.record("mystery", 30);
        thread2.record("other", 5);

        assertThat(UnpricedTokens.byModel(metrics)).containsExactly(Map.entry("mystery", 130L), Map.entry("other", 5L));
    }

    private static void add(Map<MetricName, Metric> metrics, String name, String group, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, group, "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
