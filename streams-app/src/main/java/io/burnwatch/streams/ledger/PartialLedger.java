package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerPartial;
import io.burnwatch.streams.state.WindowTally;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * The TEAM and MODEL windows, summed from the partials of closed user windows. A window closes once every input
 * partition's watermark has passed its close (its end plus the size's grace), so no partial can still come for it.
 * A partition whose users hold no open window says so and holds nothing back, until it holds windows again. A
 * partial for a window closed before it came (its partition, holding nothing, got an event older than others'
 * watermarks) goes to the late topic, as the rollup it would have added to.
 *
 * <p>Partials are few (one per team and model of each closed user window), so each costs a read and a write here.
 */
final class PartialLedger implements Processor<RollupKey, LedgerPartial, Object, Object> {

    static final String WINDOWS = "ledger-partial-windows";
    static final String WATERMARKS = "ledger-partial-watermarks";
    private static final String CLOSED = "closed";
    private static final char SEPARATOR = '/';

    private final LedgerSettings settings;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Bytes, WindowTally> windows;
    private KeyValueStore<String, Long> watermarks;
    private final long[] sources;
    private long closed = Long.MIN_VALUE;
    private final Map<Dimension, LateEvents> late = new EnumMap<>(Dimension.class);

    PartialLedger(LedgerSettings settings) {
        this.settings = settings;
        this.sources = new long[settings.partitions()];
    }

    static List<StoreBuilder<?>> stores(BurnwatchSerdes serdes) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS), Serdes.Bytes(), serdes.windowTally()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WATERMARKS), Serdes.String(), Serdes.Long()));
    }

    static String[] storeNames() {
        return new String[] {WINDOWS, WATERMARKS};
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.watermarks = context.getStateStore(WATERMARKS);
        Arrays.fill(sources, Long.MIN_VALUE);
        for (int source = 0; source < sources.length; source++) {
            Long watermark = watermarks.get(sourceKey(source));
            if (watermark != null) {
                sources[source] = watermark;
            }
        }
        Long stored = watermarks.get(CLOSED);
        closed = stored == null ? Long.MIN_VALUE : stored;
        BurnwatchMetrics metrics = BurnwatchMetrics.from(context.appConfigs());
        for (Dimension dimension : List.of(Dimension.TEAM, Dimension.MODEL)) {
            late.put(dimension, new LateEvents(metrics, dimension));
        }
    }

    @Override
    public void process(Record<RollupKey, LedgerPartial> record) {
        LedgerPartial partial = record.value();
        if (Partials.isWatermark(partial)) {
            int source = partial.getSource();
            // A partition that held nothing may hold windows again: its watermark then comes back down.
            if (source >= 0 && source < sources.length
                    && (partial.getWatermark() > sources[source] || sources[source] == Long.MAX_VALUE)) {
                sources[source] = partial.getWatermark();
                watermarks.put(sourceKey(source), partial.getWatermark());
                closeThrough(closable());
            }
            return;
        }
        RollupKey key = record.key();
        WindowSize size = WindowSize.ofLength(partial.getSizeMs());
        long start = key.getWindowStart().toEpochMilli();
        if (settings.closesAt(size, start) <= closed) {
            context.forward(new Record<>((Object) key,
                    (Object) new LatePartial(Tallies.rollup(key.getDimension(), key.getDimensionValue(), size, start,
                            partial.getTally())),
                    record.timestamp(),
                    LateHeaders.of(new RecordHeaders(), key.getDimension(), size, start, closed)));
            late.get(key.getDimension()).count(size);
            return;
        }
        Bytes window = LedgerKeys.window(size, start, key.getDimension().name() + SEPARATOR + key.getDimensionValue());
        WindowTally tally = windows.get(window);
        windows.put(window, tally == null ? partial.getTally() : Tallies.merge(tally, partial.getTally()));
    }

    /**
     * The time through which no partial can still come: the slowest watermark of the partitions that hold windows.
     * A partition not heard from yet holds everything; when none holds any window, nothing new can close.
     */
    private long closable() {
        long slowest = Long.MAX_VALUE;
        for (long watermark : sources) {
            slowest = Math.min(slowest, watermark);
        }
        return slowest == Long.MAX_VALUE ? Long.MIN_VALUE : slowest;
    }

    private void closeThrough(long time) {
        if (time <= closed) {
            return;
        }
        for (WindowSize size : WindowSize.values()) {
            long lastClosed = size.startOf(time - size.millis() - settings.graceMillis(size));
            if (closed == Long.MIN_VALUE || size.startOf(closed - size.millis() - settings.graceMillis(size)) != lastClosed) {
                close(size, lastClosed);
            }
        }
        closed = time;
        watermarks.put(CLOSED, time);
    }

    /** Emits and forgets every window of {@code size} that starts at or before {@code lastClosed}. */
    private void close(WindowSize size, long lastClosed) {
        List<Bytes> done = new ArrayList<>();
        try (KeyValueIterator<Bytes, WindowTally> due = windows.range(LedgerKeys.first(size), LedgerKeys.after(size, lastClosed))) {
            while (due.hasNext()) {
                KeyValue<Bytes, WindowTally> window = due.next();
                long start = LedgerKeys.start(window.key);
                String text = LedgerKeys.value(window.key);
                int at = text.indexOf(SEPARATOR);
                Dimension dimension = Dimension.valueOf(text.substring(0, at));
                String value = text.substring(at + 1);
                context.forward(new Record<>((Object) Tallies.key(dimension, value, start),
                        (Object) Tallies.rollup(dimension, value, size, start, window.value), start + size.millis()));
                done.add(window.key);
            }
        }
        done.forEach(windows::delete);
    }

    private static String sourceKey(int source) {
        return "source-" + source;
    }
}
