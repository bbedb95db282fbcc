package io.burnwatch.streams.guard;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * A sweep every {@code interval} of the time of the records a processor is given, the latest ts so far: a stream-time
 * punctuation of that processor's own input, which on the team stream runs behind the task's stream time.
 */
public final class Sweeps {

    private final long intervalMs;
    private final LongConsumer sweep;
    private long next = Long.MIN_VALUE;

    public Sweeps(Duration interval, LongConsumer sweep) {
        this.intervalMs = interval.toMillis();
        this.sweep = sweep;
    }

    /** Sweeps at {@code time} if it has reached the next sweep. */
    public void passTo(long time) {
        if (time == Long.MIN_VALUE || time < next) {
            return;
        }
        if (next != Long.MIN_VALUE) {
            sweep.accept(time);
        }
        next = Math.floorDiv(time, intervalMs) * intervalMs + intervalMs;
    }
}
