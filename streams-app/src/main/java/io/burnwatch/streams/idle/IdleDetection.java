package io.burnwatch.streams.idle;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.alert.AlertSink;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Wires idle-loop detection and outcome attribution around their shared stores, into the alerts topic. */
public final class IdleDetection {

    private IdleDetection() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, UsageEvent> usage, KStream<String, OutcomeEvent> outcomes,
                             IdleRule rule, String alertsTopic, BurnwatchSerdes serdes) {
        IdleStores.builders(serdes).forEach(builder::addStateStore);
        AlertSink.to(builder, usage.process(() -> new IdleLoopDetector(rule), Named.as("idle-loop-detector"), IdleStores.ALL)
                .merge(outcomes.process(() -> new OutcomeAttributor(rule), Named.as("idle-outcome-attributor"),
                                IdleStores.ALL),
                        Named.as("idle-alert-states")), "idle-alerts", alertsTopic, serdes);
    }
}
