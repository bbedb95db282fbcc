package io.burnwatch.streams.ingest;

import java.time.Duration;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Passes on the first event of each {@code event_id} and drops (and counts) repeats within the horizon. Event ids
 * live in a window store by event time whose retention is the horizon, so old ids age out with stream time; events
 * older than the horizon never get here ({@link DeadLetterReason#TOO_OLD}). A repeat carries the same user id as
 * its original, so it arrives on the same partition and finds the id in the same store.
 */
final class Deduplication<V extends SpecificRecord> implements FixedKeyProcessor<String, V, V> {

    private final Contract<V> contract;
    private final String storeName;
    private final long horizonMs;
    private FixedKeyProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;
    private IngestMetrics metrics;

    private Deduplication(Contract<V> contract, String storeName, Duration horizon) {
        this.contract = contract;
        this.storeName = storeName;
        this.horizonMs = horizon.toMillis();
    }

    static String storeName(Contract<?> contract) {
        return contract.name() + "-event-ids";
    }

    static <V extends SpecificRecord> FixedKeyProcessorSupplier<String, V, V> supplier(Contract<V> contract, Duration horizon) {
        String storeName = storeName(contract);
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, V, V> get() {
                return new Deduplication<>(contract, storeName, horizon);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(storeName, horizon, horizon, false), Serdes.String(), Serdes.Long()));
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        this.metrics = IngestMetrics.from(context.appConfigs());
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String eventId = contract.eventId(record.value());
        long ts = contract.ts(record.value()).toEpochMilli();
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, ts - horizonMs, ts + horizonMs)) {
            if (earlier.hasNext()) {
                metrics.duplicate(contract.name());
                return;
            }
        }
        seen.put(eventId, ts, ts);
        context.forward(record);
    }
}
