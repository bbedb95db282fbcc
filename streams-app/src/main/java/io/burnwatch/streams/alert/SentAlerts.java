package io.burnwatch.streams.alert;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.metrics.OpenAlerts;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each alert state on its way out, in one key=value line without the evidence, and keeps this task's count of
 * open alerts by kind (OPEN adds one, RESOLVED takes one) in a changelogged store, written in the same transaction
 * as the alert. The count thus survives restarts and moves with the task; while the task runs here, it counts in
 * {@link OpenAlerts}.
 */
final class SentAlerts implements Processor<String, Alert, String, Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(SentAlerts.class);

    private final String storeName;
    private final Map<AlertKind, Long> open = new EnumMap<>(AlertKind.class);
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> store;
    private OpenAlerts gauge;

    SentAlerts(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.gauge = BurnwatchMetrics.from(context.appConfigs()).openAlerts();
        try (KeyValueIterator<String, Long> counts = store.all()) {
            counts.forEachRemaining(count -> {
                AlertKind kind = AlertKind.valueOf(count.key);
                open.put(kind, count.value);
                gauge.add(kind, count.value);
            });
        }
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            context.forward(record);
            return;
        }
        LOG.info("alert kind={} status={} resolution={} alert_id={} user={} session={} message={}", alert.getKind(),
                alert.getStatus(), alert.getResolution(), alert.getAlertId(), alert.getUserId(), alert.getSessionId(),
                quoted(alert.getMessage()));
        int change = alert.getStatus() == AlertStatus.OPEN ? 1 : alert.getStatus() == AlertStatus.RESOLVED ? -1 : 0;
        if (change != 0) {
            long before = open.getOrDefault(alert.getKind(), 0L);
            // Alerts opened before this count existed resolve too: the count never goes below zero.
            long after = Math.max(0, before + change);
            open.put(alert.getKind(), after);
            store.put(alert.getKind().name(), after);
            gauge.add(alert.getKind(), after - before);
        }
        context.forward(record);
    }

    @Override
    public void close() {
        open.forEach((kind, count) -> gauge.add(kind, -count));
        open.clear();
    }

    private static String quoted(CharSequence text) {
        return text == null ? "null" : '"' + text.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
}
