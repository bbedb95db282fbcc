package io.burnwatch.sim;

import io.burnwatch.sim.persona.Persona;
import io.burnwatch.sim.persona.SimEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges the personas' timelines into one stream of events in event-time order. Pure: no clock, no I/O, so the
 * same personas always give the same events; pacing them against the wall clock is the {@link Simulator}'s job.
 */
public final class Simulation implements Iterator<SimEvent> {

    private record Wake(Instant at, int order, Persona persona) {
    }

    private final PriorityQueue<Wake> wakes =
            new PriorityQueue<>(Comparator.comparing(Wake::at).thenComparingInt(Wake::order));
    private final Deque<SimEvent> ready = new ArrayDeque<>();

    public Simulation(List<Persona> personas) {
        for (int i = 0; i < personas.size(); i++) {
            Persona persona = personas.get(i);
            wakes.add(new Wake(persona.firstAction(), i, persona));
        }
    }

    @Override
    public boolean hasNext() {
        return !ready.isEmpty() || !wakes.isEmpty();
    }

    @Override
    public SimEvent next() {
        while (ready.isEmpty()) {
            Wake wake = wakes.poll();
            if (wake == null) {
                throw new NoSuchElementException("No persona left to act");
            }
            Instant next = wake.persona().act(wake.at(), ready::add);
            if (!next.isAfter(wake.at())) {
                throw new IllegalStateException(wake.persona().getClass().getSimpleName() + " of "
                        + wake.persona().user().userId() + " asked to act again at " + next + ", not after " + wake.at());
            }
            wakes.add(new Wake(next, wake.order(), wake.persona()));
        }
        return ready.poll();
    }

    /** The events before {@code end}: a replay of a span of event time. */
    public static Iterator<SimEvent> before(Iterator<SimEvent> events, Instant end) {
        return new Iterator<>() {
            private SimEvent next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended && events.hasNext()) {
                    SimEvent candidate = events.next();
                    ended = !candidate.ts().isBefore(end);
                    next = ended ? null : candidate;
                }
                return next != null;
            }

            @Override
            public SimEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The replayed span ends at " + end);
                }
                SimEvent event = next;
                next = null;
                return event;
            }
        };
    }

    /** The first {@code count} events. */
    public static Iterator<SimEvent> first(Iterator<SimEvent> events, long count) {
        return new Iterator<>() {
            private long taken;

            @Override
            public boolean hasNext() {
                return taken < count && events.hasNext();
            }

            @Override
            public SimEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The first " + count + " events are taken");
                }
                taken++;
                return events.next();
            }
        };
    }
}
