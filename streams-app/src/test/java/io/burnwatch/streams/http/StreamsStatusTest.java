package io.burnwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Records consumed")
class StreamsStatusTest {

    @Test
    @DisplayName("sum the stream threads' consumers, not per-topic duplicates nor changelog restoration")
    void sumsMainConsumersOnly() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics", Map.of("client-id", "app-StreamThread-1-consumer"), 40);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics", Map.of("client-id", "app-StreamThread-2-consumer"), 2);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-consumer", "topic", "burnwatch.usage"), 40);
        add(metrics, "records-consumed-total", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-restore-consumer"), 500);
        add(metrics, "records-consumed-rate", "consumer-fetch-manager-metrics", Map.of("client-id", "app-StreamThread-1-consumer"), 9);

        assertThat(StreamsStatus.recordsConsumed(metrics)).isEqualTo(42);
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
