package io.burnwatch.streams.alert;

import io.burnwatch.schema.Alert;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Where alerts leave burnwatch: each state is logged and counted ({@link SentAlerts}), then written to the alerts topic. */
public final class AlertSink {

    private AlertSink() {
    }

    /** Sends {@code alerts} to {@code alertsTopic}; {@code name} names the nodes and the store of their open count. */
    public static void to(StreamsBuilder builder, KStream<String, Alert> alerts, String name, String alertsTopic,
                          BurnwatchSerdes serdes) {
        String store = name + "-open";
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long()));
        alerts.process(() -> new SentAlerts(store), Named.as(name + "-sent"), store)
                .to(alertsTopic, Produced.with(serdes.string(), serdes.alert()).withName(name + "-sink"));
    }
}
