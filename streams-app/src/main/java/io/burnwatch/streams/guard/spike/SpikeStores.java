package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.List;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The spike detector's changelogged state, keyed by {@link SpikeScope#key()}. */
public final class SpikeStores {

    /** Each scope's {@link HourRing} and current hour. */
    static final String STATE = "spike-state";
    /** The OPEN (or UPDATEd) SPIKE alert of each scope that has one. */
    public static final String OPEN_ALERTS = "spike-open-alerts";

    static final String[] ALL = {STATE, OPEN_ALERTS};

    private SpikeStores() {
    }

    static List<StoreBuilder<?>> builders(BurnwatchSerdes serdes) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE), serdes.string(), serdes.spikeState())
                        .withCachingEnabled(),
                // Few spikes are open at a time: kept in memory, restored from the changelog.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_ALERTS), serdes.string(), serdes.alert()));
    }
}
