package io.burnwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Meter names others chose, made conventional")
class ConventionalNamesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ConventionalNamesTest() {
        registry.config().meterFilter(new ConventionalNames());
    }

    @Test
    @DisplayName("a gauge ends in a plural instead of count, and a meter without help gets its name as help")
    void renames() {
        Gauge.builder("kafka.consumer.connection.count", () -> 3).register(registry);
        Gauge.builder("kafka.producer.node.request.latency.avg", () -> 5).description("").register(registry);

        assertThat(registry.scrape()).contains("kafka_consumer_connections 3.0",
                "# HELP kafka_producer_node_request_latency_avg kafka.producer.node.request.latency.avg");
    }

    @Test
    @DisplayName("times in nanoseconds or milliseconds are left out, by name or by base unit")
    void leavesOutSubsecondTimes() {
        Gauge.builder("kafka.consumer.io.time.ns.avg", () -> 1).register(registry);
        Gauge.builder("kafka.app.info.start-time-ms", () -> 2).register(registry);
        FunctionCounter.builder("process.cpu.time", this, any -> 4).baseUnit("ns").register(registry);
        Gauge.builder("kafka.consumer.io.ratio", () -> 0.5).register(registry);

        assertThat(registry.scrape()).doesNotContain("_ns", "_ms", "io_time", "start_time", "process_cpu_time")
                .contains("kafka_consumer_io_ratio 0.5");
    }

    @Test
    @DisplayName("burnwatch's own names, and a histogram's count, stay as they are")
    void keepsConventionalNames() {
        Gauge.builder("burnwatch.open.alerts", () -> 1).description("Open").tag("kind", "SPIKE").register(registry);
        Timer.builder("burnwatch.end.to.end.lag").description("Lag").serviceLevelObjectives(Duration.ofSeconds(1))
                .register(registry).record(Duration.ofMillis(500));

        assertThat(registry.scrape()).contains("burnwatch_open_alerts{kind=\"SPIKE\"} 1.0",
                "burnwatch_end_to_end_lag_seconds_count 1", "burnwatch_end_to_end_lag_seconds_bucket{le=\"1.0\"} 1");
    }
}
