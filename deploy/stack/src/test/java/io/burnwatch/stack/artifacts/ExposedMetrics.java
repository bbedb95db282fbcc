package io.burnwatch.stack.artifacts;

import java.util.List;
import java.util.Set;

/**
 * The metric names burnwatch exposes on GET /metrics, as Prometheus sees them: its own, and those of Micrometer's
 * Kafka Streams and JVM binders (prefixes {@code kafka_}, {@code jvm_}).
 */
final class ExposedMetrics {

    /** burnwatch's own metric families; the histogram is scraped as its _bucket, _sum and _count series. */
    static final List<String> BURNWATCH = List.of(
            "burnwatch_events_in_total",
            "burnwatch_dead_letters_total",
            "burnwatch_late_events_total",
            "burnwatch_unpriced_tokens_total",
            "burnwatch_open_alerts",
            "burnwatch_end_to_end_lag_seconds",
            "burnwatch_streams_running",
            "burnwatch_streams_state");

    private static final Set<String> HISTOGRAMS = Set.of("burnwatch_end_to_end_lag_seconds");
    private static final List<String> BINDER_PREFIXES = List.of("kafka_", "jvm_");

    private ExposedMetrics() {
    }

    static boolean exposed(String name) {
        return BURNWATCH.contains(name) && !HISTOGRAMS.contains(name)
                || HISTOGRAMS.stream().anyMatch(histogram -> List.of("_bucket", "_sum", "_count").stream()
                        .anyMatch(suffix -> name.equals(histogram + suffix)))
                || BINDER_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The family a series name belongs to: the histogram's name for its series, else the name itself. */
    static String family(String name) {
        return HISTOGRAMS.stream().filter(name::startsWith).findFirst().orElse(name);
    }
}
