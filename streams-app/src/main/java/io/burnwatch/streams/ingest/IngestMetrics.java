package io.burnwatch.streams.ingest;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;

/**
 * Counts what ingest took out of the stream: dead letters by reason (sensor {@code burnwatch-dead-letters},
 * metric {@code dead-letters-total} tagged {@code reason}) and dropped repeats by stream (sensor
 * {@code burnwatch-duplicates}, metric {@code duplicates-total} tagged {@code stream}).
 *
 * <p>The exception handlers only see Kafka Streams' configuration, so one instance per application travels in it
 * under {@link #CONFIG} ({@link #addTo}) and is found there by the handlers and processors ({@link #from}).
 */
public final class IngestMetrics implements AutoCloseable {

    public static final String CONFIG = "burnwatch.ingest.metrics";
    public static final String GROUP = "burnwatch-ingest";

    private final Metrics metrics = new Metrics();

    public IngestMetrics() {
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetterSensor(reason.name());
        }
    }

    /** The instance in {@code configs}; a private one, counted but not reported, if the app was started without. */
    public static IngestMetrics from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof IngestMetrics shared ? shared : new IngestMetrics();
    }

    /** Puts this instance into Kafka Streams properties, where {@link #from} finds it. */
    public Properties addTo(Properties streamsProperties) {
        streamsProperties.put(CONFIG, this);
        return streamsProperties;
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetterSensor(reason.name()).record();
    }

    public void duplicate(String stream) {
        sensor("burnwatch-duplicates", "duplicates-total", "stream", stream,
                "Repeated events dropped within the dedup horizon").record();
    }

    /** Dead letters so far by reason, every reason listed. */
    public Map<String, Long> deadLetters() {
        return totals("dead-letters-total", "reason");
    }

    /** Dropped repeats so far by stream ({@code usage}, {@code outcome}). */
    public Map<String, Long> duplicates() {
        return totals("duplicates-total", "stream");
    }

    private Sensor deadLetterSensor(String reason) {
        return sensor("burnwatch-dead-letters", "dead-letters-total", "reason", reason,
                "Input records sent to the dead letter queue");
    }

    private Sensor sensor(String sensorName, String metricName, String tag, String value, String description) {
        String name = sensorName + "." + value;
        Sensor existing = metrics.getSensor(name);
        if (existing != null) {
            return existing;
        }
        synchronized (metrics) {
            Sensor sensor = metrics.sensor(name);
            MetricName metric = metrics.metricName(metricName, GROUP, description, Map.of(tag, value));
            if (metrics.metric(metric) == null) {
                sensor.add(metric, new CumulativeCount());
            }
            return sensor;
        }
    }

    private Map<String, Long> totals(String metricName, String tag) {
        Map<String, Long> totals = new TreeMap<>();
        for (Map.Entry<MetricName, KafkaMetric> metric : metrics.metrics().entrySet()) {
            if (metric.getKey().name().equals(metricName) && metric.getKey().group().equals(GROUP)) {
                totals.put(metric.getKey().tags().get(tag), ((Number) metric.getValue().metricValue()).longValue());
            }
        }
        return totals;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
