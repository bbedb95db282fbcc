package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.cost.CallPricer;
import io.burnwatch.streams.cost.ModelNames;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.EntryKind;
import io.burnwatch.streams.state.LedgerEntry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The usage ledger: exact rollups per user, team and model in 1-minute, 1-hour and 1-day event-time windows, and
 * every event that comes too late for a window on the late topic.
 * <pre>
 * usage ──▶ price once ─┐
 *                       ├─▶ team of user ─┬─▶ USER windows ───────────────────────────────▶ rollups.1m/1h/1d
 * outcomes ─────────────┘                 ├─▶ by team ─▶ repartition ─▶ TEAM windows ─────▶    and late
 *                                         └─▶ calls by model ─▶ repartition ─▶ MODEL windows ▶
 * </pre>
 * The inputs are keyed by user_id and co-partitioned. MODEL windows count calls only, by canonical model name.
 */
public final class Ledger {

    private Ledger() {
    }

    /** Adds the ledger and returns its priced entries, by user and by team, for whatever else counts spend. */
    public static LedgerStreams addTo(StreamsBuilder builder, KStream<String, UsageEvent> usage,
                                      KStream<String, OutcomeEvent> outcomes, LedgerSettings settings,
                                      BurnwatchSerdes serdes) {
        builder.addStateStore(TeamOfUser.store(serdes));
        // Records without a value are the ingest stage's to dead-letter; the ledger counts events.
        KStream<String, LedgerEntry> entries = usage
                .filter((user, call) -> call != null, Named.as("ledger-calls-with-value"))
                .processValues(CallPricer::new, Named.as("ledger-price"))
                .merge(outcomes
                                .filter((user, outcome) -> outcome != null, Named.as("ledger-outcomes-with-value"))
                                .mapValues(LedgerEntries::outcome, Named.as("ledger-outcome")),
                        Named.as("ledger-entries"))
                .processValues(TeamOfUser::new, Named.as("ledger-team-of-user"), TeamOfUser.STORE);

        KStream<String, LedgerEntry> byTeam = entries
                .selectKey((user, entry) -> entry.getTeam(), Named.as("ledger-by-team"))
                .repartition(Repartitioned.with(serdes.string(), serdes.ledgerEntry()).withName("ledger-team"));
        windows(builder, entries, Dimension.USER, settings, serdes);
        windows(builder, byTeam, Dimension.TEAM, settings, serdes);
        windows(builder, entries
                        .filter((user, entry) -> entry.getKind() == EntryKind.CALL, Named.as("ledger-calls"))
                        .selectKey((user, entry) -> ModelNames.canonical(((UsageEvent) LedgerEntries.event(entry)).getModel()),
                                Named.as("ledger-by-model"))
                        .repartition(Repartitioned.with(serdes.string(), serdes.ledgerEntry()).withName("ledger-model")),
                Dimension.MODEL, settings, serdes);
        return new LedgerStreams(entries, byTeam);
    }

    private static void windows(StreamsBuilder builder, KStream<String, LedgerEntry> entries, Dimension dimension,
                                LedgerSettings settings, BurnwatchSerdes serdes) {
        String name = WindowLedger.name(dimension);
        WindowLedger.stores(dimension, serdes).forEach(builder::addStateStore);
        KStream<Object, SpecificRecord> out = entries.process(() -> new WindowLedger(dimension, settings), Named.as(name),
                WindowLedger.windowsStore(dimension), WindowLedger.sessionsStore(dimension), WindowLedger.clockStore(dimension));

        BranchedKStream<Object, SpecificRecord> routes = out.split(Named.as(name + "-"));
        for (WindowSize size : WindowSize.values()) {
            String sizeName = name + "-rollups-" + size.label();
            routes.branch((key, value) -> value instanceof UsageRollup rollup && sizeOf(rollup) == size,
                    Branched.withConsumer(rollups -> rollups
                            .map((key, value) -> KeyValue.pair((RollupKey) key, (UsageRollup) value), Named.as(sizeName + "-record"))
                            .to(settings.rollupTopic(size), Produced.with(serdes.rollupKey(), serdes.rollup())
                                    .withName(sizeName + "-sink")), "rollups-" + size.label()));
        }
        routes.branch((key, value) -> value instanceof UsageEvent,
                Branched.withConsumer(late -> late
                        .map((key, value) -> KeyValue.pair((String) key, (UsageEvent) value), Named.as(name + "-late-usage-record"))
                        .to(settings.lateTopic(), Produced.with(serdes.string(), serdes.lateUsage())
                                .withName(name + "-late-usage-sink")), "late-usage"));
        routes.branch((key, value) -> value instanceof OutcomeEvent,
                Branched.withConsumer(late -> late
                        .map((key, value) -> KeyValue.pair((String) key, (OutcomeEvent) value), Named.as(name + "-late-outcome-record"))
                        .to(settings.lateTopic(), Produced.with(serdes.string(), serdes.lateOutcome())
                                .withName(name + "-late-outcome-sink")), "late-outcome"));
    }

    private static WindowSize sizeOf(UsageRollup rollup) {
        return WindowSize.ofLength(rollup.getWindowEnd().toEpochMilli() - rollup.getWindowStart().toEpochMilli());
    }
}
