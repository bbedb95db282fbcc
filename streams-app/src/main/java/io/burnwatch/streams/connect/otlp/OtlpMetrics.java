package io.burnwatch.streams.connect.otlp;

import io.burnwatch.streams.connect.identity.Identity;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;

/**
 * What the OpenTelemetry input sees: log records by agent and result ({@code burnwatch.otlp.log.records}, tags
 * {@code client} and {@code result}: {@code usage}, {@code outcome}, {@code ignored} or {@code invalid}), and events
 * whose person the identity map does not know ({@code burnwatch.unmapped.identities}, tag {@code kind}: the kind
 * of name the user fell back to, {@code email} or {@code account}).
 */
final class OtlpMetrics {

    static final String LOG_RECORDS = "burnwatch.otlp.log.records";
    static final String UNMAPPED = "burnwatch.unmapped.identities";

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

    void unmapped(Identity.Kind kind) {
        Counter.builder(UNMAPPED).tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .description("Events whose person the identity map does not know, counted under their own name")
                .register(registry).increment();
    }

    /** Log records so far by result, all agents together. */
    Map<String, Long> byResult() {
        return metrics.counts(LOG_RECORDS, "result");
    }
}
