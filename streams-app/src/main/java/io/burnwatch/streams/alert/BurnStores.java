package io.burnwatch.streams.alert;

import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The changelogged state the usage and outcome processors share; sharing it puts both in one sub-topology, so a
 * user's usage and outcomes meet in the same task (the input topics are co-partitioned by user_id).
 */
public final class BurnStores {

    /** Recent calls per session ({@code user\u0000session}), for the trailing-window sum. */
    public static final String CALLS = "burn-calls";
    /** Event time of each session's latest call, to find idle sessions. */
    public static final String SESSIONS = "burn-sessions";
    /** The OPEN alert of each session that has one. */
    public static final String OPEN_ALERTS = "burn-open-alerts";
    /** Event time of each user's latest outcome. */
    public static final String OUTCOME_LEDGER = "outcome-ledger";

    public static final String[] ALL = {CALLS, SESSIONS, OPEN_ALERTS, OUTCOME_LEDGER};

    private static final char SEPARATOR = '\u0000';

    private BurnStores() {
    }

    static List<StoreBuilder<?>> builders(BurnRule rule, BurnwatchSerdes serdes) {
        return List.of(
                Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(CALLS, rule.window(), rule.window(), true),
                        serdes.string(), serdes.usage()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS), serdes.string(), Serdes.Long()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS), serdes.string(), serdes.alert()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OUTCOME_LEDGER), serdes.string(), Serdes.Long()));
    }

    /** A session's key: the user first, so a prefix scan over {@link #userPrefix} finds the user's sessions. */
    static String sessionKey(String userId, String sessionId) {
        return userId + SEPARATOR + sessionId;
    }

    static String userPrefix(String userId) {
        return userId + SEPARATOR;
    }
}
