package io.burnwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The default scrape")
class DefaultScrapeTest {

    @Test
    @DisplayName("keeps burnwatch's meters and the few binder meters the dashboard uses; drops the rest")
    void keepsWhatTheDashboardUses() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new ConventionalNames()).meterFilter(new DefaultScrape());

        Counter.builder("burnwatch.events.in").tag("topic", "t").register(registry).increment();
        Gauge.builder("jvm.memory.used", () -> 1).tag("area", "heap").register(registry);
        Gauge.builder("kafka.consumer.fetch.manager.records.lag.max", () -> 2).register(registry);
        Gauge.builder("kafka.stream.task.process.rate", () -> 3).tag("task.id", "0_1").register(registry);
        Gauge.builder("jvm.buffer.count", () -> 4).register(registry);

        assertThat(registry.scrape()).contains("burnwatch_events_in_total", "jvm_memory_used", "kafka_consumer_fetch_manager_records_lag_max")
                .doesNotContain("kafka_stream_task_process_rate", "jvm_buffer");
    }
}
