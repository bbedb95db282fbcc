package io.burnwatch.streams.idle;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.alert.AlertSink;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Wires idle-loop detection: a user's calls and outcomes into one processor and its stores, into the alerts topic. */
public final class IdleDetection {

    private IdleDetection() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, UsageEvent> usage, KStream<String, OutcomeEvent> outcomes,
                             IdleRule rule, String alertsTopic, BurnwatchSerdes serdes) {
        IdleStores.builders(serdes).forEach(builder::addStateStore);
        KStream<String, SpecificRecord> events = usage.<SpecificRecord>mapValues(call -> call, Named.as("idle-calls"))
                .merge(outcomes.mapValues(outcome -> outcome, Named.as("idle-outcomes")), Named.as("idle-events"));
        AlertSink.to(builder, events.process(() -> new IdleProcessor(rule, serdes), Named.as("idle-loop-detector"),
                IdleStores.ALL), "idle-alerts", alertsTopic, serdes);
    }
}
