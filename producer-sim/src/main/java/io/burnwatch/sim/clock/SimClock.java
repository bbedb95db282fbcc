package io.burnwatch.sim.clock;

import java.time.Duration;
import java.time.Instant;

/** The simulation's event time, and how it relates to the wall clock the events are emitted on. */
public interface SimClock {

    /** The event time now. */
    Instant now();

    /** How long to wait on the wall clock until event time reaches {@code eventTime}; zero if it has. */
    Duration wallTimeUntil(Instant eventTime);
}
