package io.burnwatch.streams.cost;

import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;

/**
 * The counter {@code burnwatch.unpriced.tokens} (tag {@code model}): tokens of calls whose model had no price, per
 * canonical model. Past {@link #MAX_MODELS} distinct models, further ones count under {@code model=other}, so that
 * arbitrary model names cannot flood the metrics registry.
 */
public final class UnpricedTokens {

    public static final String NAME = "burnwatch.unpriced.tokens";
    public static final String MODEL_TAG = "model";
    public static final String OTHER = "other";
    static final int MAX_MODELS = 100;

    private final BurnwatchMetrics metrics;
    private final Map<String, Counter> counters = new HashMap<>();

    public UnpricedTokens(BurnwatchMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(String canonicalModel, long tokens) {
        String model = counters.containsKey(canonicalModel) || counters.size() < MAX_MODELS ? canonicalModel : OTHER;
        counters.computeIfAbsent(model, this::counter).increment(tokens);
    }

    private Counter counter(String model) {
        return Counter.builder(NAME).tag(MODEL_TAG, model)
                .description("Tokens of calls whose model had no price at the call's time").register(metrics.registry());
    }

    /** The totals so far by model. */
    public static Map<String, Long> byModel(BurnwatchMetrics metrics) {
        return metrics.counts(NAME, MODEL_TAG);
    }
}
