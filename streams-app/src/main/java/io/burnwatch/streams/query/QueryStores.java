package io.burnwatch.streams.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The key-value stores of this instance, read-only. */
public interface QueryStores {

    /**
     * The store {@code name} of one partition's task, or of every task of this instance when {@code partition} is
     * null.
     *
     * @throws InvalidStateStoreException while the store cannot be queried (starting, rebalancing, migrated away)
     */
    <K, V> ReadOnlyKeyValueStore<K, V> store(String name, Integer partition);

    /** The active stores of a running {@link KafkaStreams}. */
    static QueryStores of(KafkaStreams streams) {
        return new QueryStores() {
            @Override
            public <K, V> ReadOnlyKeyValueStore<K, V> store(String name, Integer partition) {
                StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query =
                        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
                return streams.store(partition == null ? query : query.withPartition(partition));
            }
        };
    }
}
