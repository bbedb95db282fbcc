package io.burnwatch.streams.guard.budget;

import io.burnwatch.streams.alert.AlertSink;
import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.ledger.LedgerStreams;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerEntry;
import java.util.Locale;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Wires the budget checks onto the ledger's priced calls: user budgets on the user-keyed stream, team budgets on
 * the team-keyed one (the ledger's team repartition), both reading the budgets from a global store.
 */
public final class BudgetChecks {

    private BudgetChecks() {
    }

    public static void addTo(StreamsBuilder builder, LedgerStreams ledger, BudgetRule rule, String budgetsTopic,
                             String alertsTopic, BurnwatchSerdes serdes) {
        BudgetStore.addTo(builder, budgetsTopic, serdes);
        check(builder, ledger.byUser(), Scope.Kind.USER, rule, ledger.sources(), alertsTopic, serdes);
        check(builder, ledger.byTeam(), Scope.Kind.TEAM, rule, InputSources.none(), alertsTopic, serdes);
    }

    private static void check(StreamsBuilder builder, KStream<String, LedgerEntry> entries, Scope.Kind kind,
                              BudgetRule rule, InputSources sources, String alertsTopic, BurnwatchSerdes serdes) {
        String name = "budget-" + kind.name().toLowerCase(Locale.ROOT);
        BudgetStores.builders(kind, serdes).forEach(builder::addStateStore);
        AlertSink.to(builder, entries.process(() -> new BudgetCheck(kind, rule, sources), Named.as(name + "-check"),
                BudgetStores.spending(kind), BudgetStores.recent(kind), BudgetStores.openAlerts(kind)), name + "-alerts", alertsTopic, serdes);
    }
}
