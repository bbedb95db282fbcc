package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.List;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The spike detector's changelogged state, keyed by {@link SpikeScope#key()}. */
public final class SpikeStores {

    /** Each scope's {@link HourRing}: written when an hour closes, not on every call. */
    static final String STATE = "spike-state";
    /**
     * Each scope's current hour, written on every call: a few dozen bytes, where the ring is up to 4.4 KB. (States
     * written before this store existed keep the current hour in the ring's record; it moves here at the scope's next
     * call.)
     */
    static final String CURRENT_HOUR = "spike-current-hour";
    /** The OPEN (or UPDATEd) SPIKE alert of each scope that has one. */
    public static final String OPEN_ALERTS = "spike-open-alerts";

    static final String[] ALL = {STATE, CURRENT_HOUR, OPEN_ALERTS};

    private SpikeStores() {
    }

    static List<StoreBuilder<?>> builders(BurnwatchSerdes serdes) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE), serdes.string(), serdes.spikeState()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CURRENT_HOUR), serdes.string(), serdes.spikeHour()),
                // Few spikes are open at a time: kept in memory, restored from the changelog.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_ALERTS), serdes.string(), serdes.alert()));
    }
}
