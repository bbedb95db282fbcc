package io.burnwatch.streams.ledger;

import java.time.Duration;
import java.util.Arrays;

/**
 * The ledger's tumbling window sizes. Windows are aligned on the epoch, which is a UTC midnight, so 1-hour and
 * 1-day windows start on UTC hours and UTC days (epoch milliseconds have no leap seconds).
 */
public enum WindowSize {

    MINUTE("1m", Duration.ofMinutes(1)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    private final String label;
    private final long millis;

    WindowSize(String label, Duration length) {
        this.label = label;
        this.millis = length.toMillis();
    }

    /** As in setting and topic names, and in the late topic's headers: {@code 1m}, {@code 1h}, {@code 1d}. */
    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    /** Start of the window holding {@code ts}: a window is [start, start + size), so its end is the next one's start. */
    public long startOf(long ts) {
        return ts - Math.floorMod(ts, millis);
    }

    public static WindowSize ofLength(long millis) {
        return Arrays.stream(values()).filter(size -> size.millis == millis).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No window size of " + millis + " ms"));
    }
}
