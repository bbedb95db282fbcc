package io.burnwatch.streams.ledger;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Puts the calls of the teams of this task back into event-time order: every input partition sends its teams' calls
 * here in its own order, and the partitions run at their own pace (a backlog, a restart, one partition's consumer
 * ahead of the others). A call waits in a store until every input partition's watermark ({@link TeamFeed}) has
 * reached its ts, and then goes on in (ts, event id) order, so that team budgets and spikes see a team's spend in
 * the order it happened, however the calls arrived. A partition that holds nothing back does not hold the calls.
 *
 * <p>A call at or before what has already gone on is late for this order: it goes on at once. With the input
 * partitions each in event-time order (and {@link io.burnwatch.streams.clock.SourceClock} keeps each source's
 * order apart), that does not happen. Watermarks are kept in memory: after a restart the calls wait until every
 * partition has been heard from again, which a busy partition does within {@link TeamFeed#STEP_MS} of event time
 * and an idle one within {@link TeamFeed#IDLE_CHECK}.
 */
final class TeamOrder implements Processor<String, LedgerEntry, String, LedgerEntry> {

    static final String STORE = "ledger-team-order";

    private final long[] watermarks;
    private ProcessorContext<String, LedgerEntry> context;
    private KeyValueStore<Bytes, LedgerEntry> waiting;
    private long released = Long.MIN_VALUE;

    TeamOrder(LedgerSettings settings) {
        this.watermarks = new long[settings.partitions()];
    }

    static StoreBuilder<KeyValueStore<Bytes, LedgerEntry>> store(BurnwatchSerdes serdes) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), serdes.ledgerEntry());
    }

    @Override
    public void init(ProcessorContext<String, LedgerEntry> context) {
        this.context = context;
        this.waiting = context.getStateStore(STORE);
        Arrays.fill(watermarks, Long.MIN_VALUE);
    }

    @Override
    public void process(Record<String, LedgerEntry> record) {
        LedgerEntry entry = record.value();
        if (!TeamFeed.isWatermark(entry)) {
            UsageEvent call = (UsageEvent) LedgerEntries.event(entry);
            long ts = call.getTs().toEpochMilli();
            if (ts <= released) {
                context.forward(new Record<>(entry.getTeam(), entry, ts));
            } else {
                waiting.put(key(ts, call.getEventId()), entry);
            }
        }
        int source = entry.getSource();
        Long watermark = entry.getWatermark();
        if (watermark != null && source >= 0 && source < watermarks.length
                && (watermark > watermarks[source] || watermarks[source] == Long.MAX_VALUE)) {
            watermarks[source] = watermark;
            release();
        }
    }

    /** Sends on, in order, the calls that no partition can still send anything before. */
    private void release() {
        long through = Long.MAX_VALUE;
        for (long watermark : watermarks) {
            through = Math.min(through, watermark);
        }
        if (through == Long.MIN_VALUE || through != Long.MAX_VALUE && through <= released) {
            return;
        }
        List<Bytes> done = new ArrayList<>();
        long last = released;
        try (KeyValueIterator<Bytes, LedgerEntry> due = through == Long.MAX_VALUE ? waiting.all()
                : waiting.range(key(Long.MIN_VALUE), key(through + 1))) {
            while (due.hasNext()) {
                KeyValue<Bytes, LedgerEntry> call = due.next();
                long ts = ts(call.key);
                context.forward(new Record<>(call.value.getTeam(), call.value, ts));
                done.add(call.key);
                last = Math.max(last, ts);
            }
        }
        done.forEach(waiting::delete);
        // Every partition holding nothing back is no promise about what comes next: only what went on is behind.
        released = through == Long.MAX_VALUE ? last : through;
    }

    /** Sorts by ts (big-endian, sign bit flipped), then by event id. */
    private static Bytes key(long ts, String eventId) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(ts ^ Long.MIN_VALUE).put(id).array());
    }

    /** Below every key with a ts of {@code ts} or more. */
    private static Bytes key(long ts) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(ts ^ Long.MIN_VALUE).array());
    }

    private static long ts(Bytes key) {
        return ByteBuffer.wrap(key.get(), 0, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }
}
