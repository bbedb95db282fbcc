package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;

/** Where simulated events go. */
public interface EventSink extends AutoCloseable {

    /** Hands the event over; fails if an earlier event could not be delivered. */
    void send(SimEvent event);

    /** Delivers what was handed over, then releases the sink. */
    @Override
    void close();
}
