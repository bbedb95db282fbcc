package io.burnwatch.streams.idle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds a task's usage and outcomes back for the outcome delay, then releases them in event-time order, so that
 * what the idle detector decides depends on event time and not on which input a task happened to read first.
 *
 * <p>A call read at wall time {@code w} is released once the wall clock reaches {@code w + delay}, together with
 * every held event of an earlier event time: by then every outcome of that event time has reached Kafka (the
 * promise {@code burnwatch.idle.outcome.delay} stands for) and, read since, is held too. Outcomes wait for the
 * calls of their time, or, when no call has been read for a delay, for the delay. Held events are keyed by
 * event time, then outcomes before calls, then event id, in a changelogged store: a restart loses none, and
 * releases what it restored one delay after it started.
 */
final class OutcomeHold {

    static final byte OUTCOME = 0;
    static final byte CALL = 1;
    private static final int BATCH = 500;

    private final KeyValueStore<Bytes, byte[]> held;
    private final long delayMs;
    /** Per wall-clock second that read calls: the latest event time of a call read by then. */
    private final ArrayDeque<long[]> reads = new ArrayDeque<>();
    /** The same for outcomes, which are released by them only while no call is being read. */
    private final ArrayDeque<long[]> outcomeReads = new ArrayDeque<>();
    private long latestRead = Long.MIN_VALUE;
    private long latestOutcomeRead = Long.MIN_VALUE;
    private long lastCallReadWall = Long.MIN_VALUE;
    private long releasedThrough = Long.MIN_VALUE;
    private Bytes resumeFrom;

    OutcomeHold(KeyValueStore<Bytes, byte[]> held, long delayMs, long wallNowMs) {
        this.held = held;
        this.delayMs = delayMs;
        try (KeyValueIterator<Bytes, byte[]> newest = held.reverseAll()) {
            if (newest.hasNext()) {
                // Restored: released one delay after the restart, calls and outcomes alike.
                latestRead = timeOf(newest.next().key);
                note(reads, latestRead, wallNowMs);
            }
        }
    }

    /** Whether {@code ts} is already released: an event that late is applied at once, as it comes. */
    boolean released(long ts) {
        return ts <= releasedThrough;
    }

    /**
     * Holds an event. Calls move the release on; outcomes only while no call is being read: an outcome read ahead
     * of the usage of its time (its producer or forwarder is faster) waits for that usage, as releasing it early
     * would make the task's time jump ahead of calls still to come.
     */
    void hold(long ts, byte kind, String eventId, byte[] value, long wallNowMs) {
        held.put(key(ts, kind, eventId), value);
        if (kind == CALL) {
            latestRead = Math.max(latestRead, ts);
            note(reads, latestRead, wallNowMs);
            lastCallReadWall = wallNowMs;
        } else {
            latestOutcomeRead = Math.max(latestOutcomeRead, ts);
            note(outcomeReads, latestOutcomeRead, wallNowMs);
        }
    }

    /** Advances what may be released by {@code wallNowMs}; returns the event time released through. */
    long release(long wallNowMs) {
        while (!reads.isEmpty() && reads.peekFirst()[0] <= wallNowMs - delayMs) {
            releasedThrough = Math.max(releasedThrough, reads.pollFirst()[1]);
        }
        // No call read for a delay: the usage has caught up, and outcomes read since need wait for none.
        if (lastCallReadWall == Long.MIN_VALUE || lastCallReadWall <= wallNowMs - delayMs) {
            while (!outcomeReads.isEmpty() && outcomeReads.peekFirst()[0] <= wallNowMs - delayMs) {
                releasedThrough = Math.max(releasedThrough, outcomeReads.pollFirst()[1]);
            }
        }
        return releasedThrough;
    }

    /** The next held events of event time up to {@link #release}'s, oldest first; each must then be {@link #done}. */
    List<KeyValue<Bytes, byte[]>> next() {
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
        if (releasedThrough == Long.MIN_VALUE) {
            return batch;
        }
        Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1).putLong(Math.max(0, releasedThrough))
                .put((byte) 0xFF).array());
        if (resumeFrom != null && resumeFrom.compareTo(to) > 0) {
            return batch;
        }
        try (KeyValueIterator<Bytes, byte[]> due = held.range(resumeFrom, to)) {
            while (due.hasNext() && batch.size() < BATCH) {
                batch.add(due.next());
            }
        }
        return batch;
    }

    void done(Bytes key) {
        held.delete(key);
        resumeFrom = key;
    }

    static long timeOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    static byte kindOf(Bytes key) {
        return key.get()[Long.BYTES];
    }

    private static void note(ArrayDeque<long[]> samples, long latest, long wallNowMs) {
        // Rounded up: a read is never counted earlier than it happened.
        long second = Math.floorDiv(wallNowMs, 1000) * 1000 + 1000;
        long[] last = samples.peekLast();
        if (last != null && last[0] == second) {
            last[1] = latest;
        } else {
            samples.addLast(new long[] {second, latest});
        }
    }

    private static Bytes key(long ts, byte kind, String eventId) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1 + id.length).putLong(Math.max(0, ts)).put(kind).put(id)
                .array());
    }
}
