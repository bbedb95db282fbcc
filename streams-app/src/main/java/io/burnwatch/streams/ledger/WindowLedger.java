package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.WindowTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
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
 * The tumbling windows of one dimension, all sizes at once, keyed by the record's key (the user, team or model).
 * Kafka Streams' windowed aggregations drop late records without a trace; this ledger routes each one to the late
 * topic instead, so every event counts exactly once per dimension and window size: in a rollup or on the late topic.
 *
 * <p>Stream time is the highest event ts this task has seen, but never more than {@link LedgerSettings#maxLead()}
 * past the wall clock: one producer whose clock runs ahead cannot close windows early and make everyone else's
 * calls late (its own calls still count, in windows that close once the wall clock gets there). It is kept in a
 * store as windows close so a restart does not re-open closed windows. For each size, an event whose window has closed (its end plus the size's grace is at or before stream
 * time) goes to the late topic with headers naming that window; otherwise it is added to its window. When stream
 * time passes a window's close, the window is emitted as a rollup keyed by (dimension, value, start) and dropped.
 * Each event costs a few store reads and writes per size; only closing scans, once per window boundary.
 *
 * <p>Forwards {@code RollupKey → UsageRollup} for closed windows and {@code user_id → UsageEvent|OutcomeEvent}
 * for late events; {@link Ledger} routes them to their topics.
 */
final class WindowLedger implements Processor<String, LedgerEntry, Object, SpecificRecord> {

    private static final String STREAM_TIME = "stream-time";
    private static final byte[] SEEN = new byte[0];

    private final Dimension dimension;
    private final LedgerSettings settings;
    private ProcessorContext<Object, SpecificRecord> context;
    private KeyValueStore<Bytes, WindowTally> windows;
    private KeyValueStore<Bytes, byte[]> sessions;
    private KeyValueStore<String, Long> clock;
    private Long streamTime;
    private LateEvents late;

    WindowLedger(Dimension dimension, LedgerSettings settings) {
        this.dimension = dimension;
        this.settings = settings;
    }

    static String windowsStore(Dimension dimension) {
        return name(dimension) + "-windows";
    }

    static String sessionsStore(Dimension dimension) {
        return name(dimension) + "-sessions";
    }

    static String clockStore(Dimension dimension) {
        return name(dimension) + "-stream-time";
    }

    static String name(Dimension dimension) {
        return "ledger-" + dimension.name().toLowerCase(Locale.ROOT);
    }

    static List<StoreBuilder<?>> stores(Dimension dimension, BurnwatchSerdes serdes) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(windowsStore(dimension)), Serdes.Bytes(), serdes.windowTally()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(sessionsStore(dimension)), Serdes.Bytes(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(clockStore(dimension)), Serdes.String(), Serdes.Long()));
    }

    @Override
    public void init(ProcessorContext<Object, SpecificRecord> context) {
        this.context = context;
        this.windows = context.getStateStore(windowsStore(dimension));
        this.sessions = context.getStateStore(sessionsStore(dimension));
        this.clock = context.getStateStore(clockStore(dimension));
        this.streamTime = clock.get(STREAM_TIME);
        this.late = new LateEvents(BurnwatchMetrics.from(context.appConfigs()), dimension);
    }

    @Override
    public void process(Record<String, LedgerEntry> record) {
        SpecificRecord event = LedgerEntries.event(record.value());
        long ts = event instanceof UsageEvent call ? call.getTs().toEpochMilli() : ((OutcomeEvent) event).getTs().toEpochMilli();
        for (WindowSize size : WindowSize.values()) {
            long start = size.startOf(ts);
            if (streamTime != null && closesAt(size, start) <= streamTime) {
                context.forward(new Record<>(userOf(event), event, ts,
                        LateHeaders.of(record.headers(), dimension, size, start, streamTime)));
                late.count(size);
            } else {
                add(size, start, record.key(), record.value(), event);
            }
        }
        advanceTo(Math.min(ts, context.currentSystemTimeMs() + settings.maxLeadMillis()));
    }

    private long closesAt(WindowSize size, long start) {
        return start + size.millis() + settings.graceMillis(size);
    }

    private void add(WindowSize size, long start, String value, LedgerEntry entry, SpecificRecord event) {
        Bytes key = LedgerKeys.window(size, start, value);
        WindowTally tally = windows.get(key);
        if (tally == null) {
            tally = Tallies.empty();
        }
        if (event instanceof UsageEvent call) {
            Tallies.addCall(tally, call, entry.getComputedCostUsd());
            if (sessions.putIfAbsent(LedgerKeys.session(size, start, value, call.getSessionId()), SEEN) == null) {
                tally.setSessions(tally.getSessions() + 1);
            }
        } else {
            Tallies.addOutcome(tally, (OutcomeEvent) event);
        }
        windows.put(key, tally);
    }

    private void advanceTo(long ts) {
        if (streamTime != null && ts <= streamTime) {
            return;
        }
        Long before = streamTime;
        streamTime = ts;
        boolean closed = false;
        for (WindowSize size : WindowSize.values()) {
            long lastClosed = lastClosedStart(size, ts);
            // Windows close only when stream time crosses a close boundary: no scan between boundaries.
            if (before == null || lastClosedStart(size, before) != lastClosed) {
                close(size, lastClosed);
                closed = true;
            }
        }
        // Stored only as windows close: a restart may then resume from an earlier stream time, but never from one
        // before a window it has closed, so it judges late exactly the events it would have judged late.
        if (closed) {
            clock.put(STREAM_TIME, ts);
        }
    }

    /** Start of the latest window of {@code size} that is closed at stream time {@code time}. */
    private long lastClosedStart(WindowSize size, long time) {
        return size.startOf(time - size.millis() - settings.graceMillis(size));
    }

    /** Emits and forgets every window of {@code size} that starts at or before {@code lastClosed}. */
    private void close(WindowSize size, long lastClosed) {
        Bytes from = LedgerKeys.first(size);
        Bytes to = LedgerKeys.after(size, lastClosed);
        List<Bytes> closed = new ArrayList<>();
        try (KeyValueIterator<Bytes, WindowTally> due = windows.range(from, to)) {
            while (due.hasNext()) {
                KeyValue<Bytes, WindowTally> window = due.next();
                long start = LedgerKeys.start(window.key);
                String value = LedgerKeys.value(window.key);
                context.forward(new Record<>(Tallies.key(dimension, value, start),
                        Tallies.rollup(dimension, value, size, start, window.value), start + size.millis()));
                closed.add(window.key);
            }
        }
        closed.forEach(windows::delete);
        List<Bytes> seen = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> due = sessions.range(from, to)) {
            due.forEachRemaining(session -> seen.add(session.key));
        }
        seen.forEach(sessions::delete);
    }

    private static String userOf(SpecificRecord event) {
        return event instanceof UsageEvent call ? call.getUserId() : ((OutcomeEvent) event).getUserId();
    }
}
