package io.burnwatch.streams.topology;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.alert.BurnAlerting;
import io.burnwatch.streams.alert.BurnRule;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.cost.PriceStore;
import io.burnwatch.streams.ledger.Ledger;
import io.burnwatch.streams.ledger.LedgerSettings;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * burnwatch's data flow, event time being each record's {@code ts}:
 * <pre>
 * usage ─────┬─▶ ledger: price each call once; windows per user, team and model ─▶ rollups.1m/1h/1d, late
 * outcomes ──┤                 ▲
 *            │     prices ─▶ global store (every instance holds all prices)
 *            └─▶ burn detector and outcome resolver (shared stores, one sub-topology) ─▶ alerts
 * </pre>
 */
public final class BurnwatchTopology {

    private BurnwatchTopology() {
    }

    /** Describes the processing only: nothing connects to Kafka or the registry until the topology runs. */
    public static Topology build(BurnwatchConfig config, BurnwatchSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        EventTimeExtractor eventTime = new EventTimeExtractor();
        KStream<String, UsageEvent> usage = builder.stream(config.usageTopic(),
                Consumed.with(serdes.string(), serdes.usage()).withTimestampExtractor(eventTime).withName("usage-source"));
        KStream<String, OutcomeEvent> outcomes = builder.stream(config.outcomesTopic(),
                Consumed.with(serdes.string(), serdes.outcome()).withTimestampExtractor(eventTime).withName("outcomes-source"));

        PriceStore.addTo(builder, config.pricesTopic(), serdes);
        Ledger.addTo(builder, usage, outcomes, LedgerSettings.from(config), serdes);
        BurnAlerting.addTo(builder, usage, outcomes, BurnRule.from(config), config.alertsTopic(), serdes);
        return builder.build();
    }
}
