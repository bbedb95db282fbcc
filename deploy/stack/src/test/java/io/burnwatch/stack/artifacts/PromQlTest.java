package io.burnwatch.stack.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    @DisplayName("metric names are found, and functions, keywords, labels, ranges, numbers and variables are not")
    void findsMetricNamesOnly() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, instance) "
                + "(rate(burnwatch_end_to_end_lag_seconds_bucket{instance=~\"$instance\", le!=\"+Inf\"}[$__rate_interval])))"))
                .containsExactly("burnwatch_end_to_end_lag_seconds_bucket");
        assertThat(PromQl.metricNames("max by (job, instance) (kafka_consumer_fetch_manager_records_lag_max) > 1e3\n"
                + "and on (job) max without (topic) (deriv(kafka_consumer_fetch_manager_records_lag_max[10m] offset 5m)) > 0"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(PromQl.metricNames("sum(up) / count(jvm_memory_used_bytes{area=\"heap\"}) unless absent(other_metric)"))
                .containsExactly("jvm_memory_used_bytes", "other_metric", "up");
    }

    @Test
    @DisplayName("the exposed names are burnwatch's fixed list, its histogram's series, and kafka_ and jvm_ binder metrics")
    void exposedNames() {
        assertThat(ExposedMetrics.exposed("burnwatch_events_in_total")).isTrue();
        assertThat(ExposedMetrics.exposed("burnwatch_end_to_end_lag_seconds_bucket")).isTrue();
        assertThat(ExposedMetrics.exposed("burnwatch_end_to_end_lag_seconds")).isFalse();
        assertThat(ExposedMetrics.exposed("burnwatch_events_total")).isFalse();
        assertThat(ExposedMetrics.exposed("kafka_consumer_fetch_manager_records_lag_max")).isTrue();
        assertThat(ExposedMetrics.exposed("process_cpu_usage")).isFalse();
        assertThat(ExposedMetrics.family("burnwatch_end_to_end_lag_seconds_count")).isEqualTo("burnwatch_end_to_end_lag_seconds");
    }
}
