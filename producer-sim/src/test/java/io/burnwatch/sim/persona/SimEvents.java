package io.burnwatch.sim.persona;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs a cast's simulation, without any clock, over a span of event time. */
public final class SimEvents {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private SimEvents() {
    }

    /** Every event with a timestamp before {@code START + span}. */
    public static List<SimEvent> firstSpan(Cast cast, Duration span) {
        return firstSpan(cast, START, span);
    }

    /** Every event of a run starting at {@code start} with a timestamp before {@code start + span}. */
    public static List<SimEvent> firstSpan(Cast cast, Instant start, Duration span) {
        Instant end = start.plus(span);
        Simulation simulation = new Simulation(cast.personas(start));
        List<SimEvent> events = new ArrayList<>();
        while (true) {
            SimEvent event = simulation.next();
            if (!event.ts().isBefore(end)) {
                return events;
            }
            events.add(event);
        }
    }

    /** What an event says apart from its ids and timestamp: the same for a seed whenever the run starts. */
    public static String shape(Object record) {
        if (record instanceof UsageEvent u) {
            return String.join("|", u.getUserId(), u.getTeamId(), u.getClient(), u.getModel(),
                    u.getInitiator().name(), String.valueOf(u.getPromptHash()), Long.toString(u.getInputTokens()),
                    Long.toString(u.getOutputTokens()), Long.toString(u.getCacheReadTokens()),
                    Long.toString(u.getCacheWriteTokens()));
        }
        if (record instanceof SessionTruth t) {
            return String.join("|", t.getUserId(), t.getPersona(), t.getLabel().name(),
                    String.valueOf(t.getParentSessionId() != null));
        }
        OutcomeEvent o = (OutcomeEvent) record;
        return String.join("|", o.getUserId(), o.getKind().name(), Long.toString(o.getLinesAdded()),
                Long.toString(o.getLinesRemoved()));
    }
}
