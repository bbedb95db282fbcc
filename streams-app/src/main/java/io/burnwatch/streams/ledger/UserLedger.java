package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.cost.ModelNames;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.OpenWindow;
import io.burnwatch.streams.state.OpenWindows;
import io.burnwatch.streams.state.SessionMark;
import io.burnwatch.streams.state.SessionMarks;
import io.burnwatch.streams.state.UsageTotals;
import io.burnwatch.streams.state.WindowPart;
import io.burnwatch.streams.state.WindowTally;
import io.burnwatch.streams.state.Totals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The USER windows of every size, one record per user, keyed by the input's user_id. Per event it reads and writes
 * the user's record, and the session's marks when the session is new to one of its windows; nothing else.
 *
 * <p>Stream time is the highest event ts this task has seen, from the slowest of the sources that feed its
 * partition ({@link SourceClock}), but never more than {@link LedgerSettings#maxLead()} past the wall clock. An event whose window of a size has closed (its end plus the size's grace is at or before
 * stream time) goes to the late topic once per dimension it misses there (USER, TEAM, and MODEL for a call), with
 * headers naming the window. When stream time passes a window's close, found through a closing index by time, the
 * window is emitted as a USER rollup, and each team's and model's part of it as a {@link Partials partial} for the
 * TEAM and MODEL windows; then this task's watermark follows (and at least every minute of event time). Stream
 * time is stored with each watermark, so a restart never re-opens a closed window.
 *
 * <p>Forwards {@code RollupKey → UsageRollup} (USER rollups), {@code RollupKey → LedgerPartial} (partials and
 * watermarks) and {@code user_id → UsageEvent|OutcomeEvent} (late events); {@link Ledger} routes them.
 */
final class UserLedger implements Processor<String, LedgerEntry, Object, Object> {

    static final String WINDOWS = "ledger-user-open-windows";
    static final String SESSIONS = "ledger-user-session-marks";
    static final String CLOSING = "ledger-user-closing";
    static final String CLOCK = "ledger-user-clock";
    private static final String STREAM_TIME = "stream-time";
    private static final byte[] DUE = new byte[0];
    /** How far stream time moves without a close before the watermark goes out anyway: its staleness at most. */
    private static final long WATERMARK_STEP_MS = 60_000;
    private static final Duration IDLE_CHECK = Duration.ofSeconds(10);

    private final LedgerSettings settings;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, OpenWindows> windows;
    private KeyValueStore<Bytes, SessionMarks> sessions;
    private KeyValueStore<Bytes, byte[]> closing;
    private KeyValueStore<String, Long> clock;
    private Long streamTime;
    private long nextClose;
    private int source;
    private long watermarkSent = Long.MIN_VALUE;
    private boolean sentHoldsNothing;
    private final Map<Dimension, LateEvents> late = new EnumMap<>(Dimension.class);
    private final SourceClock sources = new SourceClock();

    UserLedger(LedgerSettings settings) {
        this.settings = settings;
    }

    static List<StoreBuilder<?>> stores(BurnwatchSerdes serdes) {
        return List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS), Serdes.String(), serdes.openWindows()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS), Serdes.Bytes(), serdes.sessionMarks()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOSING), Serdes.Bytes(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCK), Serdes.String(), Serdes.Long()));
    }

    static String[] storeNames() {
        return new String[] {WINDOWS, SESSIONS, CLOSING, CLOCK};
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.sessions = context.getStateStore(SESSIONS);
        this.closing = context.getStateStore(CLOSING);
        this.clock = context.getStateStore(CLOCK);
        this.streamTime = clock.get(STREAM_TIME);
        this.nextClose = firstClose();
        this.source = context.taskId().partition();
        sources.expect(settings.sources().names());
        BurnwatchMetrics metrics = BurnwatchMetrics.from(context.appConfigs());
        for (Dimension dimension : Dimension.values()) {
            late.put(dimension, new LateEvents(metrics, dimension));
        }
        context.schedule(IDLE_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> {
            advanceToSources(now);
            sendIfHoldingNothing();
        });
    }

    /** Moves stream time to the slowest active source's, which moves on when a slower source goes quiet. */
    private void advanceToSources(long now) {
        long time = sources.time(now);
        if (time != Long.MIN_VALUE) {
            advanceTo(Math.min(time, now + settings.maxLeadMillis()));
        }
    }

    /**
     * A partition whose users have no open window (one no producer writes to) says so, or every TEAM and MODEL
     * window would wait for it.
     */
    private void sendIfHoldingNothing() {
        if (nextClose == Long.MAX_VALUE && !sentHoldsNothing) {
            context.forward(new Record<>((Object) Partials.watermarkKey(), (Object) Partials.holdsNothing(source),
                    context.currentSystemTimeMs()));
            sentHoldsNothing = true;
            watermarkSent = Long.MIN_VALUE;
        }
    }

    @Override
    public void process(Record<String, LedgerEntry> record) {
        LedgerEntry entry = record.value();
        SpecificRecord event = LedgerEntries.event(entry);
        UsageEvent call = event instanceof UsageEvent c ? c : null;
        long ts = call != null ? call.getTs().toEpochMilli() : ((OutcomeEvent) event).getTs().toEpochMilli();
        String user = record.key();
        String model = call == null ? null : ModelNames.canonical(call.getModel());
        UsageTotals priced = call == null ? null : Totals.priced(call, entry.getComputedCostUsd());

        OpenWindows open = null;
        SessionMarks marks = null;
        boolean marked = false;
        for (WindowSize size : WindowSize.values()) {
            long start = size.startOf(ts);
            if (streamTime != null && settings.closesAt(size, start) <= streamTime) {
                forwardLate(record, event, size, start, call != null);
                continue;
            }
            if (open == null) {
                open = windows.get(user);
                if (open == null) {
                    open = new OpenWindows(new ArrayList<>());
                }
            }
            OpenWindow window = windowOf(open, user, size, start);
            WindowTally team = part(window.getTeams(), entry.getTeam());
            if (call == null) {
                Tallies.addOutcome(window.getTally(), (OutcomeEvent) event);
                Tallies.addOutcome(team, (OutcomeEvent) event);
                continue;
            }
            WindowTally byModel = part(window.getModels(), model);
            Totals.merge(window.getTally().getTotals(), priced);
            Totals.merge(team.getTotals(), priced);
            Totals.merge(byModel.getTotals(), priced);
            if (marks == null) {
                marks = sessions.get(SessionKeys.of(user, call.getSessionId()));
                if (marks == null) {
                    marks = new SessionMarks(new ArrayList<>());
                }
            }
            if (mark(marks, size, start, null)) {
                window.getTally().setSessions(window.getTally().getSessions() + 1);
                team.setSessions(team.getSessions() + 1);
                marked = true;
            }
            if (mark(marks, size, start, model)) {
                byModel.setSessions(byModel.getSessions() + 1);
                marked = true;
            }
        }
        if (open != null) {
            windows.put(user, open);
        }
        if (marked) {
            marks.setMarks(open(marks.getMarks()));
            sessions.put(SessionKeys.of(user, call.getSessionId()), marks);
        }
        long now = context.currentSystemTimeMs();
        sources.observe(SourceClock.sourceOf(record.headers()), ts, now);
        advanceToSources(now);
    }

    private OpenWindow windowOf(OpenWindows open, String user, WindowSize size, long start) {
        for (OpenWindow window : open.getWindows()) {
            if (window.getSizeMs() == size.millis() && window.getStart() == start) {
                return window;
            }
        }
        OpenWindow window = new OpenWindow(size.millis(), start, Tallies.empty(), new ArrayList<>(), new ArrayList<>());
        open.getWindows().add(window);
        long closesAt = settings.closesAt(size, start);
        closing.put(ClosingKeys.of(closesAt, user), DUE);
        nextClose = Math.min(nextClose, closesAt);
        return window;
    }

    private static WindowTally part(List<WindowPart> parts, String value) {
        for (WindowPart part : parts) {
            if (part.getValue().equals(value)) {
                return part.getTally();
            }
        }
        WindowPart part = new WindowPart(value, Tallies.empty());
        parts.add(part);
        return part.getTally();
    }

    /** Marks the session counted in a window (for {@code model}, or overall when null); false if it was already. */
    private static boolean mark(SessionMarks marks, WindowSize size, long start, String model) {
        for (SessionMark mark : marks.getMarks()) {
            if (mark.getSizeMs() == size.millis() && mark.getStart() == start && Objects.equals(mark.getModel(), model)) {
                return false;
            }
        }
        marks.getMarks().add(new SessionMark(size.millis(), start, model));
        return true;
    }

    /** The marks of windows still open; a new list, as Avro's decoded arrays cannot remove. */
    private List<SessionMark> open(List<SessionMark> marks) {
        List<SessionMark> open = new ArrayList<>(marks.size());
        for (SessionMark mark : marks) {
            if (!isClosed(mark.getSizeMs(), mark.getStart())) {
                open.add(mark);
            }
        }
        return open;
    }

    private boolean isClosed(long sizeMs, long start) {
        return streamTime != null && settings.closesAt(WindowSize.ofLength(sizeMs), start) <= streamTime;
    }

    private void forwardLate(Record<String, LedgerEntry> record, SpecificRecord event, WindowSize size, long start,
                             boolean isCall) {
        long ts = record.timestamp();
        for (Dimension dimension : Dimension.values()) {
            if (dimension == Dimension.MODEL && !isCall) {
                continue;
            }
            context.forward(new Record<>((Object) record.key(), (Object) event, ts,
                    LateHeaders.of(record.headers(), dimension, size, start, streamTime)));
            late.get(dimension).count(size);
        }
    }

    private void advanceTo(long time) {
        if (streamTime != null && time <= streamTime) {
            return;
        }
        streamTime = time;
        if (nextClose > time) {
            // Nothing to close; a partition whose users have none still must not hold the TEAM and MODEL windows.
            if (watermarkSent == Long.MIN_VALUE || time - watermarkSent >= WATERMARK_STEP_MS) {
                sendWatermark(time);
            }
            return;
        }
        Set<String> due = new LinkedHashSet<>();
        List<Bytes> done = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> closes = closing.range(ClosingKeys.first(), ClosingKeys.after(time))) {
            while (closes.hasNext()) {
                Bytes key = closes.next().key;
                done.add(key);
                due.add(ClosingKeys.user(key));
            }
        }
        done.forEach(closing::delete);
        due.forEach(this::close);
        nextClose = firstClose();
        sendWatermark(time);
    }

    /**
     * Stream time is stored only as windows close or a watermark goes out: a restart may resume from an earlier
     * stream time, but never from one before a window it has closed or a watermark it has sent, so what it accepts
     * no TEAM or MODEL window has been closed on.
     */
    private void sendWatermark(long time) {
        clock.put(STREAM_TIME, time);
        context.forward(new Record<>((Object) Partials.watermarkKey(), (Object) Partials.watermark(source, time), time));
        watermarkSent = time;
        sentHoldsNothing = false;
    }

    /** Emits and forgets the user's windows that have closed, with their partials. */
    private void close(String user) {
        OpenWindows open = windows.get(user);
        if (open == null) {
            return;
        }
        boolean dayClosed = false;
        List<OpenWindow> kept = new ArrayList<>();
        for (OpenWindow window : open.getWindows()) {
            if (!isClosed(window.getSizeMs(), window.getStart())) {
                kept.add(window);
                continue;
            }
            WindowSize size = WindowSize.ofLength(window.getSizeMs());
            long start = window.getStart();
            long end = start + size.millis();
            context.forward(new Record<>((Object) Tallies.key(Dimension.USER, user, start),
                    (Object) Tallies.rollup(Dimension.USER, user, size, start, window.getTally()), end));
            for (WindowPart team : window.getTeams()) {
                context.forward(new Record<>((Object) Tallies.key(Dimension.TEAM, team.getValue(), start),
                        (Object) Partials.partial(source, size, team.getTally(), streamTime), end));
            }
            for (WindowPart model : window.getModels()) {
                context.forward(new Record<>((Object) Tallies.key(Dimension.MODEL, model.getValue(), start),
                        (Object) Partials.partial(source, size, model.getTally(), streamTime), end));
            }
            dayClosed |= size == WindowSize.DAY;
        }
        if (kept.isEmpty()) {
            windows.delete(user);
        } else {
            open.setWindows(kept);
            windows.put(user, open);
        }
        if (dayClosed) {
            forgetClosedMarks(user);
        }
    }

    /** Drops the marks of closed windows from every session of the user, and sessions left with none. */
    private void forgetClosedMarks(String user) {
        List<KeyValue<Bytes, SessionMarks>> changed = new ArrayList<>();
        try (KeyValueIterator<Bytes, SessionMarks> all = sessions.prefixScan(SessionKeys.prefix(user), Serdes.Bytes().serializer())) {
            while (all.hasNext()) {
                KeyValue<Bytes, SessionMarks> session = all.next();
                List<SessionMark> open = open(session.value.getMarks());
                if (open.size() < session.value.getMarks().size()) {
                    session.value.setMarks(open);
                    changed.add(session);
                }
            }
        }
        for (KeyValue<Bytes, SessionMarks> session : changed) {
            if (session.value.getMarks().isEmpty()) {
                sessions.delete(session.key);
            } else {
                sessions.put(session.key, session.value);
            }
        }
    }

    private long firstClose() {
        try (KeyValueIterator<Bytes, byte[]> first = closing.range(ClosingKeys.first(), ClosingKeys.after(Long.MAX_VALUE - 1))) {
            return first.hasNext() ? ClosingKeys.closesAt(first.next().key) : Long.MAX_VALUE;
        }
    }
}
