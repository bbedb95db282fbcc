package io.burnwatch.streams.ingest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The event ids a task may have seen within the dedup horizon: two Bloom filters by stream time (the latest
 * {@code ts} added), the current one and the previous one, each taking the ids of one horizon. "No" is certain,
 * "maybe" is not. When stream time passes the current generation's start by a horizon, the previous generation is
 * dropped: every id in it is then more than a horizon behind stream time, where the window store of event ids no
 * longer returns it either.
 */
final class SeenIds {

    /**
     * Ids per generation, that is per task and horizon: 1,000,000 at a 1% false positive rate take 1.2 MB, so two
     * generations of both streams on each of the 6 default partitions take about 29 MB of heap in one instance.
     * Over the default 24 h horizon that covers about 40,000 events an hour per partition. Beyond it the filter
     * fills, its false positives rise and more events take the store lookup, as every event did without the filter:
     * slower, never wrong.
     */
    static final long EXPECTED_IDS = 1_000_000;
    static final double FALSE_POSITIVE_RATE = 0.01;
    private static final long NONE = Long.MIN_VALUE;

    private final long horizonMs;
    private BloomFilter<CharSequence> current = generation();
    private BloomFilter<CharSequence> previous;
    private long currentStart = NONE;
    private long streamTime = NONE;

    SeenIds(Duration horizon) {
        this.horizonMs = horizon.toMillis();
    }

    /** False if {@code eventId} was certainly not added within the last horizon of stream time. */
    boolean mightContain(String eventId) {
        return current.mightContain(eventId) || previous != null && previous.mightContain(eventId);
    }

    void add(String eventId, long ts) {
        if (ts > streamTime) {
            streamTime = ts;
            rotateIfDue();
        }
        current.put(eventId);
    }

    private void rotateIfDue() {
        if (currentStart == NONE) {
            currentStart = streamTime;
            return;
        }
        long age = streamTime - currentStart;
        if (age < horizonMs) {
            return;
        }
        // Two horizons on, the current generation's ids are past the horizon too.
        previous = age < 2 * horizonMs ? current : null;
        current = generation();
        currentStart = streamTime;
    }

    private static BloomFilter<CharSequence> generation() {
        return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), EXPECTED_IDS, FALSE_POSITIVE_RATE);
    }
}
