package io.burnwatch.streams.clock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>A source first heard from after the others have moved on could not hold them back, and at the start of a
 * backlog one forwarder is bound to be first. So once a record comes from one partition of a topic that may feed
 * the task ({@link InputSources}), the other partitions of that topic are expected too: the task's time stays put
 * until each has been heard from, or for {@link #ACTIVE_MS} if one is not (its partition holds none of this
 * partition's users). The same wait comes again whenever records start to come after the task was idle for
 * {@link #ACTIVE_MS}. Input written by Java's partitioner straight to the input topics waits for nothing.
 */
public final class SourceClock {

    public static final String HEADER = "burnwatch-source";
    /** How long a source that sends nothing still holds the task's time back. */
    public static final long ACTIVE_MS = 10_000;
    /** More sources than any deployment has (one per JSON partition and stream): the rest count as the input's own. */
    static final int MAX_SOURCES = 256;
    private static final int MAX_NAME_BYTES = 200;
    private static final String OWN = "";
    private static final long NEVER = Long.MIN_VALUE;

    private final Map<String, Source> sources = new HashMap<>();
    /** The sources that may feed the task, by topic. */
    private final Map<String, List<String>> expected = new HashMap<>();
    /** The topics a record has come from since the task started. */
    private final Set<String> seen = new HashSet<>();
    private final Set<String> unheard = new HashSet<>();
    private long started = NEVER;
    private long lastRecord = NEVER;

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

    /** The sources that may feed the task, named as {@link InputSources#name(String, int)} names them. */
    public void expect(Collection<String> names) {
        for (String name : names) {
            expected.computeIfAbsent(topicOf(name), topic -> new ArrayList<>()).add(name);
        }
    }

    private static String topicOf(String source) {
        int dash = source.lastIndexOf('-');
        return dash < 0 ? source : source.substring(0, dash);
    }

    /** The highest ts {@code source} has sent, or {@link Long#MIN_VALUE} if it has sent none. */
    public long clockOf(String source) {
        Source known = sources.get(source);
        return known == null ? Long.MIN_VALUE : known.clock;
    }

    public void observe(String source, long ts, long wallClockMs) {
        if (lastRecord == NEVER || wallClockMs - lastRecord >= ACTIVE_MS) {
            started = wallClockMs;
            unheard.clear();
            seen.forEach(topic -> unheard.addAll(expected.get(topic)));
        }
        lastRecord = wallClockMs;
        String topic = topicOf(source);
        if (expected.containsKey(topic) && seen.add(topic)) {
            started = wallClockMs;
            unheard.addAll(expected.get(topic));
        }
        unheard.remove(source);
        Source known = sources.get(source);
        if (known == null) {
            known = sources.computeIfAbsent(sources.size() < MAX_SOURCES ? source : OWN, name -> new Source());
        }
        known.clock = Math.max(known.clock, ts);
        known.heardAt = wallClockMs;
    }

    /**
     * The slowest clock of the sources heard from within {@link #ACTIVE_MS}; when none is, the fastest of all.
     * {@link Long#MIN_VALUE} before any record, and while an expected source is awaited.
     */
    public long time(long wallClockMs) {
        if (!unheard.isEmpty() && wallClockMs - started < ACTIVE_MS) {
            return Long.MIN_VALUE;
        }
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
