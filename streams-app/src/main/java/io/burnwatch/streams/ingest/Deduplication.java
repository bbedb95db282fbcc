package io.burnwatch.streams.ingest;

import java.time.Duration;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on the first event of each {@code event_id} and drops (and counts) repeats within the horizon. Event ids
 * live in a window store by event time whose retention is the horizon, so old ids age out with stream time; events
 * older than the horizon behind their source's stream time never get here ({@link DeadLetterReason#TOO_OLD}). A
 * source behind the task's stream time by more than that (see {@code SourceClock}) has its ids kept from the oldest
 * time the store still holds, so they age out a horizon after that time. A repeat carries the same user id as
 * its original, so it arrives on the same partition and finds the id in the same store.
 * <p>
 * A Bloom filter of the ids ({@link SeenIds}) stands in front of the store: an id it has certainly not seen is
 * put without a lookup, and only a maybe (a repeat, or a false positive) takes the store's range fetch, which
 * decides. The range stays because a repeat may carry another {@code ts} than its original. The store and its name
 * are unchanged, so no migration is needed. A key-value store with an expiry index would make the lookup a point
 * read but add an index write (and a delete on expiry) per event, while behind the filter lookups are rare. The
 * filter is rebuilt from the store when the processor starts, which is after the store is restored.
 */
final class Deduplication<V extends SpecificRecord> implements FixedKeyProcessor<String, V, V> {

    private static final Logger LOG = LoggerFactory.getLogger(Deduplication.class);

    private final Contract<V> contract;
    private final String storeName;
    private final long horizonMs;
    private FixedKeyProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;
    private SeenIds seenIds;
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
        this.seenIds = new SeenIds(Duration.ofMillis(horizonMs));
        load();
    }

    /** Puts every id of the store into the filter, so that no repeat passes after a restart or a move. */
    private void load() {
        long started = System.nanoTime();
        long ids = 0;
        try (KeyValueIterator<Windowed<String>, Long> all = seen.all()) {
            while (all.hasNext()) {
                Windowed<String> id = all.next().key;
                seenIds.add(id.key(), id.window().start());
                ids++;
            }
        }
        LOG.info("dedup_filter_loaded store={} task={} ids={} ms={}", storeName, context.taskId(), ids,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String eventId = contract.eventId(record.value());
        long ts = contract.ts(record.value()).toEpochMilli();
        // A source behind the others may send what the store, by the task's stream time, would no longer keep:
        // such an id is kept from the oldest time the store still holds.
        long kept = Math.max(ts, context.currentStreamTimeMs() - horizonMs + 1);
        if (seenIds.mightContain(eventId) && seenWithin(eventId, ts, kept)) {
            metrics.duplicate(contract.name());
            return;
        }
        seen.put(eventId, ts, kept);
        seenIds.add(eventId, ts);
        context.forward(record);
    }

    private boolean seenWithin(String eventId, long ts, long kept) {
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, ts - horizonMs, kept + horizonMs)) {
            return earlier.hasNext();
        }
    }
}
