package io.burnwatch.streams.ledger;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.cost.CallPricer;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.LedgerPartial;
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
 *                       ├─▶ team of user ─▶ USER windows ─┬──────────────────────────────────▶ rollups.1m/1h/1d
 * outcomes ─────────────┘   (one record per user)         │ closed: partials, watermarks          and late
 *                                                         └─▶ repartition ─▶ TEAM and MODEL windows ─▶
 * </pre>
 * The inputs are keyed by user_id and co-partitioned. Per event only the user's windows are touched; the TEAM
 * and MODEL windows add up the users' windows as they close, one partial per team and model, so what crosses the
 * repartition topic grows with user-windows, not calls. MODEL windows count calls only, by canonical model name.
 * The calls by team are still returned, one per call and in event-time order ({@link TeamFeed}, {@link TeamOrder}),
 * for team budgets and spikes.
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

        UserLedger.stores(serdes).forEach(builder::addStateStore);
        BranchedKStream<Object, Object> users = entries
                .process(() -> new UserLedger(settings), Named.as("ledger-user"), UserLedger.storeNames())
                .split(Named.as("ledger-user-"));
        rollups(users, "ledger-user", settings, serdes);
        users.branch((key, value) -> value instanceof UsageEvent,
                Branched.withConsumer(late -> late
                        .map((key, value) -> KeyValue.pair((String) key, (UsageEvent) value), Named.as("ledger-late-usage-record"))
                        .to(settings.lateTopic(), Produced.with(serdes.string(), serdes.lateUsage())
                                .withName("ledger-late-usage-sink")), "late-usage"));
        users.branch((key, value) -> value instanceof OutcomeEvent,
                Branched.withConsumer(late -> late
                        .map((key, value) -> KeyValue.pair((String) key, (OutcomeEvent) value), Named.as("ledger-late-outcome-record"))
                        .to(settings.lateTopic(), Produced.with(serdes.string(), serdes.lateOutcome())
                                .withName("ledger-late-outcome-sink")), "late-outcome"));
        users.branch((key, value) -> value instanceof LedgerPartial,
                Branched.withConsumer(partials -> partials(builder, partials
                        .map((key, value) -> KeyValue.pair((RollupKey) key, (LedgerPartial) value), Named.as("ledger-partial-record")),
                        settings, serdes), "partials"));

        builder.addStateStore(TeamOrder.store(serdes));
        KStream<String, LedgerEntry> byTeam = entries
                .process(() -> new TeamFeed(settings.callSources()), Named.as("ledger-team-feed"))
                .repartition(Repartitioned.with(serdes.string(), serdes.ledgerEntry())
                        .withStreamPartitioner(TeamFeed.partitioner()).withName("ledger-team"))
                .process(() -> new TeamOrder(settings), Named.as("ledger-team-order"), TeamOrder.STORE);
        return new LedgerStreams(entries, byTeam, settings.sources());
    }

    static void partials(StreamsBuilder builder, KStream<RollupKey, LedgerPartial> partials,
                                 LedgerSettings settings, BurnwatchSerdes serdes) {
        PartialLedger.stores(serdes).forEach(builder::addStateStore);
        BranchedKStream<Object, Object> windows = partials
                .repartition(Repartitioned.with(serdes.rollupKey(), serdes.ledgerPartial())
                        .withStreamPartitioner(new Partials()).withName("ledger-partials"))
                .process(() -> new PartialLedger(settings), Named.as("ledger-partial"), PartialLedger.storeNames())
                .split(Named.as("ledger-partial-"));
        rollups(windows, "ledger-partial", settings, serdes);
        windows.branch((key, value) -> value instanceof LatePartial,
                Branched.withConsumer(late -> late
                        .map((key, value) -> KeyValue.pair((RollupKey) key, ((LatePartial) value).rollup()),
                                Named.as("ledger-late-partial-record"))
                        .to(settings.lateTopic(), Produced.with(serdes.rollupKey(), serdes.lateRollup())
                                .withName("ledger-late-partial-sink")), "late-partial"));
    }

    private static void rollups(BranchedKStream<Object, Object> routes, String name, LedgerSettings settings,
                                BurnwatchSerdes serdes) {
        for (WindowSize size : WindowSize.values()) {
            String sizeName = name + "-rollups-" + size.label();
            routes.branch((key, value) -> value instanceof UsageRollup rollup && sizeOf(rollup) == size,
                    Branched.withConsumer(rollups -> rollups
                            .map((key, value) -> KeyValue.pair((RollupKey) key, (UsageRollup) value), Named.as(sizeName + "-record"))
                            .to(settings.rollupTopic(size), Produced.with(serdes.rollupKey(), serdes.rollup())
                                    .withName(sizeName + "-sink")), "rollups-" + size.label()));
        }
    }

    private static WindowSize sizeOf(UsageRollup rollup) {
        return WindowSize.ofLength(rollup.getWindowEnd().toEpochMilli() - rollup.getWindowStart().toEpochMilli());
    }
}
