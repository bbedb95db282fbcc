package io.burnwatch.sim.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * Compressed event time: every event is due at once, so a replay runs as fast as the sink (or a {@link Pacer})
 * takes the events. Event time is the time of the latest event asked about, starting at {@code from}.
 */
public final class ReplayClock implements SimClock {

    private Instant now;

    public ReplayClock(Instant from) {
        this.now = from;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Duration wallTimeUntil(Instant eventTime) {
        if (eventTime.isAfter(now)) {
            now = eventTime;
        }
        return Duration.ZERO;
    }
}
