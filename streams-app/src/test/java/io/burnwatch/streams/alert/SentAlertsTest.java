package io.burnwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.metrics.OpenAlerts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A restart is a new processor over the store Kafka Streams restored from its changelog: here, a new
 * {@link SentAlerts} over the same store after the old one closed.
 */
@DisplayName("Open alerts count")
class SentAlertsTest {

    private static final String STORE = "test-alerts-open";

    private final BurnwatchMetrics metrics = new BurnwatchMetrics(new SimpleMeterRegistry());
    private final OpenAlerts open = metrics.openAlerts();
    private final MockProcessorContext<String, Alert> context = new MockProcessorContext<>(config());

    SentAlertsTest() {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    @DisplayName("OPEN adds one for its kind, UPDATE nothing, RESOLVED takes one; every state is passed on")
    void countsByKind() {
        SentAlerts sent = started();
        sent.process(alert("a-1", AlertKind.IDLE_LOOP, AlertStatus.OPEN));
        sent.process(alert("a-2", AlertKind.BUDGET, AlertStatus.OPEN));
        sent.process(alert("a-1", AlertKind.IDLE_LOOP, AlertStatus.UPDATE));
        sent.process(alert("a-3", AlertKind.IDLE_LOOP, AlertStatus.OPEN));
        sent.process(alert("a-1", AlertKind.IDLE_LOOP, AlertStatus.RESOLVED));

        assertThat(open.get(AlertKind.IDLE_LOOP)).isEqualTo(1);
        assertThat(open.get(AlertKind.BUDGET)).isEqualTo(1);
        assertThat(open.get(AlertKind.SPIKE)).isZero();
        assertThat(context.forwarded()).hasSize(5);
    }

    @Test
    @DisplayName("the count survives a restart, leaves with a closed task, and never goes below zero")
    void survivesRestart() {
        SentAlerts before = started();
        before.process(alert("a-1", AlertKind.SPIKE, AlertStatus.OPEN));
        before.process(alert("a-2", AlertKind.SPIKE, AlertStatus.OPEN));
        before.close();
        assertThat(open.get(AlertKind.SPIKE)).as("the task moved away").isZero();

        SentAlerts after = started();
        assertThat(open.get(AlertKind.SPIKE)).as("restored from the store").isEqualTo(2);
        after.process(alert("a-1", AlertKind.SPIKE, AlertStatus.RESOLVED));
        after.process(alert("a-2", AlertKind.SPIKE, AlertStatus.RESOLVED));
        after.process(alert("a-0", AlertKind.SPIKE, AlertStatus.RESOLVED));
        assertThat(open.get(AlertKind.SPIKE)).as("a-0 was opened before the count existed").isZero();
    }

    private SentAlerts started() {
        SentAlerts sent = new SentAlerts(STORE);
        sent.init(context);
        return sent;
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "sent-alerts-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        return metrics.addTo(config);
    }

    private static Record<String, Alert> alert(String id, AlertKind kind, AlertStatus status) {
        Instant ts = Instant.parse("2026-03-02T10:00:00Z");
        // Only what the count and the log line read: the evidence is the detectors' business.
        Alert alert = new Alert();
        alert.setAlertId(id);
        alert.setKind(kind);
        alert.setStatus(status);
        alert.setUserId("alice");
        alert.setMessage("test");
        return new Record<>(id, alert, ts.toEpochMilli());
    }
}
