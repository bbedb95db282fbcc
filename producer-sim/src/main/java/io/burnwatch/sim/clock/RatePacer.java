package io.burnwatch.sim.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Holds {@code eventsPerSecond} on average by giving each event a slot on a fixed schedule. Slots are absolute,
 * so imprecise waits even out; a sender that falls behind catches up by at most {@link #MAX_CATCH_UP} of slots
 * instead of bursting through everything it missed.
 */
public final class RatePacer implements Pacer {

    static final Duration MAX_CATCH_UP = Duration.ofMillis(100);

    private final Clock wall;
    private final Instant start;
    private final double nanosPerEvent;
    private double nextSlot = Double.NaN;

    public RatePacer(Clock wall, double eventsPerSecond) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of events per second, got "
                    + eventsPerSecond);
        }
        this.wall = wall;
        this.start = wall.instant();
        this.nanosPerEvent = 1e9 / eventsPerSecond;
    }

    @Override
    public Duration waitForNext() {
        double now = nanos();
        if (Double.isNaN(nextSlot) || nextSlot < now - MAX_CATCH_UP.toNanos()) {
            nextSlot = Math.max(Double.isNaN(nextSlot) ? now : nextSlot, now - MAX_CATCH_UP.toNanos());
        }
        double slot = nextSlot;
        nextSlot += nanosPerEvent;
        return slot <= now ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(slot - now));
    }

    private double nanos() {
        return Duration.between(start, wall.instant()).toNanos();
    }
}
