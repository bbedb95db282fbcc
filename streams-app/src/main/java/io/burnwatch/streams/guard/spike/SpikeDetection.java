package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.alert.AlertSink;
import io.burnwatch.streams.ledger.LedgerStreams;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;

/** Wires the spike detector onto the ledger's team-keyed priced calls. */
public final class SpikeDetection {

    private SpikeDetection() {
    }

    public static void addTo(StreamsBuilder builder, LedgerStreams ledger, SpikeRule rule, String alertsTopic,
                             BurnwatchSerdes serdes) {
        SpikeStores.builders(serdes).forEach(builder::addStateStore);
        AlertSink.to(builder, ledger.byTeam().process(() -> new SpikeDetector(rule), Named.as("spike-detector"), SpikeStores.ALL),
                "spike-alerts", alertsTopic, serdes);
    }
}
