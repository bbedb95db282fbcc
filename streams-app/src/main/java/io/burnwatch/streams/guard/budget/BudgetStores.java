package io.burnwatch.streams.guard.budget;

import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The changelogged state of the budget checks, one set per kind of scope, since users and teams are checked in different tasks. */
public final class BudgetStores {

    private BudgetStores() {
    }

    /** Each scope's spend in its current periods and 5-minute bucket: {@link Spending}. */
    static String spending(Scope.Kind kind) {
        return "budget-" + kind.name().toLowerCase(Locale.ROOT) + "-spending";
    }

    /** Each scope's closed 5-minute buckets of the last 6 hours with spend: {@link Spending}. */
    static String recent(Scope.Kind kind) {
        return "budget-" + kind.name().toLowerCase(Locale.ROOT) + "-recent";
    }

    /** The OPEN BUDGET alerts of each scope, keyed {@code scope\u0000threshold} or {@code scope\u0000early}. */
    public static String openAlerts(Scope.Kind kind) {
        return "budget-" + kind.name().toLowerCase(Locale.ROOT) + "-open-alerts";
    }

    static List<StoreBuilder<?>> builders(Scope.Kind kind, BurnwatchSerdes serdes) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(spending(kind)), serdes.string(), serdes.budgetState()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(recent(kind)), serdes.string(), serdes.recentSpend()),
                // Few alerts are open at a time: kept in memory, restored from the changelog.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(openAlerts(kind)), serdes.string(), serdes.alert()));
    }
}
