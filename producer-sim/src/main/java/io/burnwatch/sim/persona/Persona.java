package io.burnwatch.sim.persona;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One simulated user's behaviour, as a timeline: the simulation wakes the persona at the event time it asked for,
 * the persona emits what happens at that moment and says when it wants to be woken next. A persona draws from its
 * own random source only, so its timeline is the same for a seed whatever the other personas do.
 */
public interface Persona {

    User user();

    /** When this persona first acts; may lie before the run's start, for history the run should begin with. */
    Instant firstAction();

    /**
     * Emits what happens at {@code now} (events may carry an earlier timestamp for history) and returns the next
     * event time at which to act, strictly after {@code now}.
     */
    Instant act(Instant now, Consumer<SimEvent> emit);
}
