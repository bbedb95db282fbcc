package io.burnwatch.sim.truth;

import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import io.burnwatch.sim.persona.SimEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passes a simulation's events on and settles each session's ground truth, emitted once per session: a session
 * that must not alert at its start; one that should (or may) alert at the call that makes it detectable, with
 * {@code detectable_from} set to that call's time (see {@link Burn}). Sessions that never became detectable are
 * handed out by {@link #undetected()} when the run ends, with {@code detectable_from} null.
 */
public final class GroundTruth implements Iterator<SimEvent> {

    private record Pending(SessionTruth truth, Burn burn) {
    }

    private final Iterator<SimEvent> events;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Instant> lastOutcome = new HashMap<>();
    private final Deque<SimEvent> ready = new ArrayDeque<>();

    public GroundTruth(Iterator<SimEvent> events) {
        this.events = events;
    }

    @Override
    public boolean hasNext() {
        return !ready.isEmpty() || events.hasNext();
    }

    @Override
    public SimEvent next() {
        while (ready.isEmpty()) {
            see(events.next());
        }
        return ready.poll();
    }

    /** The truth of every session still waiting to become detectable, now final with no detectable_from. */
    public List<SimEvent> undetected() {
        List<SimEvent> out = new ArrayList<>();
        pending.values().forEach(p -> out.add(new SimEvent.Truth(p.truth())));
        pending.clear();
        return out;
    }

    private void see(SimEvent event) {
        if (event instanceof SimEvent.Truth t) {
            if (t.truth().getLabel() == TruthLabel.MUST_NOT_ALERT) {
                ready.add(event);
            } else {
                pending.put(t.truth().getSessionId(), new Pending(t.truth(), new Burn()));
            }
            return;
        }
        ready.add(event);
        if (event instanceof SimEvent.Outcome) {
            lastOutcome.merge(event.userId(), event.ts(), (a, b) -> a.isAfter(b) ? a : b);
        } else if (event instanceof SimEvent.Usage usage) {
            Pending session = pending.get(usage.event().getSessionId());
            if (session != null && session.burn().add(usage.event(), lastOutcome.get(event.userId()))) {
                pending.remove(usage.event().getSessionId());
                SessionTruth truth = SessionTruth.newBuilder(session.truth()).setDetectableFrom(event.ts()).build();
                ready.add(new SimEvent.Truth(truth));
            }
        }
    }
}
