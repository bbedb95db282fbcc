package io.burnwatch.sim.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Event time that starts at a given instant and runs {@code speed} times as fast as the wall clock: at speed 10,
 * one wall-clock second is ten seconds of event time.
 */
public final class ScaledClock implements SimClock {

    private final Clock wall;
    private final Instant wallStart;
    private final Instant eventStart;
    private final double speed;

    public ScaledClock(Clock wall, Instant eventStart, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        this.wall = wall;
        this.wallStart = wall.instant();
        this.eventStart = eventStart;
        this.speed = speed;
    }

    @Override
    public Instant now() {
        long wallNanos = Duration.between(wallStart, wall.instant()).toNanos();
        return eventStart.plusNanos(Math.round(wallNanos * speed));
    }

    @Override
    public Duration wallTimeUntil(Instant eventTime) {
        long eventNanos = Duration.between(now(), eventTime).toNanos();
        return eventNanos <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(eventNanos / speed));
    }
}
