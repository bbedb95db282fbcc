package io.burnwatch.streams.cost;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The metric {@code unpriced-tokens-total} (group {@code burnwatch-cost-metrics}, tag {@code model}): tokens of
 * calls whose model had no price, per canonical model. Past {@link #MAX_MODELS} distinct models, further ones
 * count under {@code model=other}, so that arbitrary model names cannot flood the metrics registry.
 */
public final class UnpricedTokens {

    public static final String GROUP = "burnwatch-cost-metrics";
    public static final String TOTAL = "unpriced-tokens-total";
    public static final String MODEL_TAG = "model";
    public static final String OTHER = "other";
    static final int MAX_MODELS = 100;

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> sensors = new HashMap<>();

    public UnpricedTokens(StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(String canonicalModel, long tokens) {
        String model = sensors.containsKey(canonicalModel) || sensors.size() < MAX_MODELS ? canonicalModel : OTHER;
        sensors.computeIfAbsent(model, this::sensor).record(tokens);
    }

    private Sensor sensor(String model) {
        // Sensors are shared by name across stream threads; adding a metric that exists already is a no-op.
        Sensor sensor = metrics.addSensor("burnwatch.unpriced-tokens." + model, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(TOTAL, GROUP, "Tokens of calls whose model had no price at the call's time",
                Map.of(MODEL_TAG, model)), new CumulativeSum());
        return sensor;
    }

    /** The totals so far by model, read from a metrics registry such as {@code KafkaStreams.metrics()}. */
    public static Map<String, Long> byModel(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Long> byModel = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (name.name().equals(TOTAL) && name.group().equals(GROUP)
                    && metric.metricValue() instanceof Number value) {
                byModel.merge(name.tags().get(MODEL_TAG), value.longValue(), Long::sum);
            }
        });
        return byModel;
    }
}
