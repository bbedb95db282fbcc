package io.burnwatch.streams.clock;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Stream time by source, for a task whose partition is fed by several writers that each keep their own order but
 * not each other's: the JSON forwarder's tasks, one per JSON partition, when the JSON producer partitioned with
 * another hash than Java's (librdkafka's CRC32: kcat, Python, Go), or the tasks that move misplaced records. Each
 * such record carries its source in the {@value #HEADER} header; a record without one comes from the input's own
 * producers, source "".
 *
 * <p>A source's clock is the highest ts it has sent. The task's time is the slowest clock among the sources heard
 * from within {@link #ACTIVE_MS} of the wall clock: a source that races ahead through a backlog does not make the
 * others' records late, and a source gone quiet stops holding the others back. With one source this is plain stream
 * time. Clocks live in memory: after a restart they start again from the records that come.
 */
public final class SourceClock {

    public static final String HEADER = "burnwatch-source";
    /** How long a source that sends nothing still holds the task's time back. */
    public static final long ACTIVE_MS = 30_000;
    /** More sources than any deployment has (one per JSON partition and stream): the rest count as the input's own. */
    static final int MAX_SOURCES = 256;
    private static final int MAX_NAME_BYTES = 200;
    private static final String OWN = "";

    private final Map<String, Source> sources = new HashMap<>();

    private static final class Source {
        long clock = Long.MIN_VALUE;
        long heardAt;
    }

    /** Names {@code source} as the writer of a record, replacing any name it carried. */
    public static void stamp(Headers headers, String source) {
        headers.remove(HEADER);
        headers.add(HEADER, source.getBytes(StandardCharsets.UTF_8));
    }

    /** The record's source: the stamped name, or "" for the input's own producers. */
    public static String sourceOf(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null || header.value().length > MAX_NAME_BYTES) {
            return OWN;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The highest ts {@code source} has sent, or {@link Long#MIN_VALUE} if it has sent none. */
    public long clockOf(String source) {
        Source known = sources.get(source);
        return known == null ? Long.MIN_VALUE : known.clock;
    }

    public void observe(String source, long ts, long wallClockMs) {
        Source known = sources.get(source);
        if (known == null) {
            known = sources.computeIfAbsent(sources.size() < MAX_SOURCES ? source : OWN, name -> new Source());
        }
        known.clock = Math.max(known.clock, ts);
        known.heardAt = wallClockMs;
    }

    /**
     * The slowest clock of the sources heard from within {@link #ACTIVE_MS}; when none is, the fastest of all.
     * {@link Long#MIN_VALUE} before any record.
     */
    public long time(long wallClockMs) {
        long slowest = Long.MAX_VALUE;
        long fastest = Long.MIN_VALUE;
        for (Source source : sources.values()) {
            fastest = Math.max(fastest, source.clock);
            if (wallClockMs - source.heardAt < ACTIVE_MS) {
                slowest = Math.min(slowest, source.clock);
            }
        }
        return slowest == Long.MAX_VALUE ? fastest : slowest;
    }
}
