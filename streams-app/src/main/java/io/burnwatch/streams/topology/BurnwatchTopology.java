package io.burnwatch.streams.topology;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.connect.identity.IdentityStore;
import io.burnwatch.streams.connect.otlp.OtlpIngest;
import io.burnwatch.streams.connect.webhook.WebhookIngest;
import io.burnwatch.streams.cost.PriceStore;
import io.burnwatch.streams.idle.IdleDetection;
import io.burnwatch.streams.idle.IdleRule;
import io.burnwatch.streams.guard.budget.BudgetChecks;
import io.burnwatch.streams.guard.budget.BudgetRule;
import io.burnwatch.streams.guard.spike.SpikeDetection;
import io.burnwatch.streams.guard.spike.SpikeRule;
import io.burnwatch.streams.ingest.Ingest;
import io.burnwatch.streams.ingest.IngestLimits;
import io.burnwatch.streams.ingest.OutcomeContract;
import io.burnwatch.streams.ingest.UsageContract;
import io.burnwatch.streams.ingest.ValueLimits;
import io.burnwatch.streams.ledger.Ledger;
import io.burnwatch.streams.ledger.LedgerSettings;
import io.burnwatch.streams.ledger.LedgerStreams;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * burnwatch's data flow, event time being each record's {@code ts}:
 * <pre>
 * usage.json ─▶ read, validate ─▶ usage        outcomes.json ─▶ read, validate ─▶ outcomes
 *
 * usage ────▶ validate, dedup ─┬─▶ ledger: price each call once; windows per user, team and model ─▶ rollups.1m/1h/1d, late
 * outcomes ─▶ validate, dedup ─┤                 ▲               │ priced calls by user ─▶ user budgets ──────────▶ alerts
 *                              │                 │               └ priced calls by team ─▶ team budgets, spikes ──▶ alerts
 *                              │     prices ─▶ global store      budgets ─▶ global store (every instance holds all
 *                              │               (every instance holds all prices)                prices and budgets)
 *                              └─▶ idle-loop detector and outcome attributor (shared stores, one sub-topology) ─▶ alerts
 * </pre>
 * Records that cannot be read or break their contract go to the dead letter queue (see {@link Ingest}). Usage and
 * outcomes read from a partition other than their user's (a producer with another partitioner than Java's) first
 * move to their user's task (see {@link UserPartitioned}).
 */
public final class BurnwatchTopology {

    private BurnwatchTopology() {
    }

    /** Describes the processing only: nothing connects to Kafka or the registry until the topology runs. */
    public static Topology build(BurnwatchConfig config, BurnwatchSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        EventTimeExtractor eventTime = new EventTimeExtractor(config.maxFuture());
        IngestLimits limits = IngestLimits.from(config);
        ValueLimits values = ValueLimits.from(config);
        UsageContract usageContract = new UsageContract(limits, values);
        OutcomeContract outcomeContract = new OutcomeContract(limits, values);
        Ingest.fromJson(builder, config.usageJsonTopic(), eventTime, usageContract, config.usageTopic(),
                Produced.with(serdes.string(), serdes.usage()));
        Ingest.fromJson(builder, config.outcomesJsonTopic(), eventTime, outcomeContract, config.outcomesTopic(),
                Produced.with(serdes.string(), serdes.outcome()));
        OtlpIngest.addTo(builder, config, serdes, eventTime, usageContract, outcomeContract);

        KStream<String, UsageEvent> usage = Ingest.clean(UserPartitioned.of(builder.stream(config.usageTopic(),
                Consumed.with(serdes.string(), serdes.usage()).withTimestampExtractor(eventTime).withName("usage-source")),
                "usage", config.topicPartitions(), serdes.string(), serdes.usage()),
                usageContract, config.dedupHorizon());
        KStream<String, OutcomeEvent> outcomes = Ingest.clean(UserPartitioned.of(builder.stream(config.outcomesTopic(),
                Consumed.with(serdes.string(), serdes.outcome()).withTimestampExtractor(eventTime).withName("outcomes-source")),
                "outcomes", config.topicPartitions(), serdes.string(), serdes.outcome()),
                outcomeContract, config.dedupHorizon());

        PriceStore.addTo(builder, config.pricesTopic(), serdes);
        IdentityStore.addTo(builder, config.identitiesTopic());
        WebhookIngest.addTo(builder, config, outcomeContract, Produced.with(serdes.string(), serdes.outcome()));
        LedgerStreams ledger = Ledger.addTo(builder, usage, outcomes, LedgerSettings.from(config), serdes);
        BudgetChecks.addTo(builder, ledger, BudgetRule.from(config), config.budgetsTopic(), config.alertsTopic(), serdes);
        SpikeDetection.addTo(builder, ledger, SpikeRule.from(config), config.alertsTopic(), serdes);
        IdleDetection.addTo(builder, usage, outcomes, IdleRule.from(config), config.alertsTopic(), serdes);
        return builder.build();
    }
}
