package io.burnwatch.streams.connect.otlp;

import io.burnwatch.streams.connect.identity.Identity;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * What the OpenTelemetry input sees: log records by agent and result ({@code burnwatch.otlp.log.records}, tags
 * {@code client} and {@code result}: {@code usage}, {@code outcome}, {@code ignored} or {@code invalid}), and events
 * whose person the identity map does not know (counted and listed with the webhooks' unmapped authors, see
 * {@link io.burnwatch.streams.connect.identity.UnmappedIdentities}).
 */
final class OtlpMetrics {

    static final String LOG_RECORDS = "burnwatch.otlp.log.records";

    private final BurnwatchMetrics metrics;
    private final MeterRegistry registry;

    OtlpMetrics(BurnwatchMetrics metrics) {
        this.metrics = metrics;
        this.registry = metrics.registry();
    }

    static OtlpMetrics from(Map<String, ?> configs) {
        return new OtlpMetrics(BurnwatchMetrics.from(configs));
    }

    void record(String client, String result) {
        Counter.builder(LOG_RECORDS).tag("client", client).tag("result", result)
                .description("OpenTelemetry log records read, by agent and what they became")
                .register(registry).increment();
    }

    /** An event counted as {@code fallback} because none of {@code tried} is in the identity map. */
    void unmapped(Identity fallback, List<Identity> tried) {
        metrics.unmappedIdentities().record(fallback, tried);
    }

    /** Log records so far by result, all agents together. */
    Map<String, Long> byResult() {
        return metrics.counts(LOG_RECORDS, "result");
    }
}
