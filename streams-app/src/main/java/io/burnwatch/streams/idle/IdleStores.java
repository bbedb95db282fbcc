package io.burnwatch.streams.idle;

import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The changelogged state the usage and outcome processors share; sharing it puts both in one sub-topology, so a
 * user's usage and outcomes meet in the same task (the input topics are co-partitioned by user_id).
 */
public final class IdleStores {

    /** One {@link SessionBurn} per session, keyed {@code user\u0000session}. */
    public static final String SESSIONS = "idle-sessions";
    /** One {@link UserOutcomes} per user. */
    public static final String USER_OUTCOMES = "idle-user-outcomes";

    /** Usage and outcomes held back for the outcome delay, keyed by event time (see {@link OutcomeHold}). */
    public static final String HELD = "idle-held";

    static final String[] ALL = {SESSIONS, USER_OUTCOMES, HELD};

    private static final char SEPARATOR = '\u0000';

    private IdleStores() {
    }

    static List<StoreBuilder<? extends KeyValueStore<?, ?>>> builders(BurnwatchSerdes serdes) {
        return List.of(
                // Cached: a busy session is written on every call, and the cache sends only its latest state per
                // commit to the changelog.
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS), serdes.string(), serdes.sessionBurn())
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_OUTCOMES), serdes.string(),
                        serdes.userOutcomes()).withCachingEnabled(),
                // Not cached: an event stays held across commits, and a put and its delete rarely meet in one.
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD), Serdes.Bytes(), Serdes.ByteArray()));
    }

    /** A session's key: the user first, so a prefix scan over {@link #userPrefix} finds the user's sessions. */
    static String sessionKey(String userId, String sessionId) {
        return userId + SEPARATOR + sessionId;
    }

    public static String userPrefix(String userId) {
        return userId + SEPARATOR;
    }
}
