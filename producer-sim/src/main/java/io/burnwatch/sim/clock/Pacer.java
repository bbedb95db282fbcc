package io.burnwatch.sim.clock;

import java.time.Duration;

/** Spaces events on the wall clock to hold a target rate. */
public interface Pacer {

    /** No limit: as fast as the sink takes events. */
    Pacer UNLIMITED = () -> Duration.ZERO;

    /** Claims the next event's slot: how long to wait before sending it. */
    Duration waitForNext();
}
