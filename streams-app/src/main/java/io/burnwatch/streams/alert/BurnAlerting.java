package io.burnwatch.streams.alert;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Wires burn detection and outcome resolution around their shared stores, into the alerts topic. */
public final class BurnAlerting {

    private BurnAlerting() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, UsageEvent> usage, KStream<String, OutcomeEvent> outcomes,
                             BurnRule rule, String alertsTopic, BurnwatchSerdes serdes) {
        BurnStores.builders(rule, serdes).forEach(builder::addStateStore);
        usage.process(() -> new BurnDetector(rule), Named.as("burn-detector"), BurnStores.ALL)
                .merge(outcomes.process(() -> new OutcomeResolver(rule), Named.as("outcome-resolver"),
                                BurnStores.OPEN_ALERTS, BurnStores.OUTCOME_LEDGER),
                        Named.as("alert-states"))
                .to(alertsTopic, Produced.with(serdes.string(), serdes.alert()).withName("alerts-sink"));
    }
}
