package io.burnwatch.sim.persona;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.trace.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One persona played alone over a span of event time. */
record Play(List<SimEvent> events) {

    static final User USER = new User("uma", "platform", "acme/platform-service");

    static Play of(Role role, long seed, Duration span) {
        Persona persona = role.play(USER, new SplittableRandom(seed), new Ids(new SplittableRandom(~seed)),
                SimEvents.START, Traces.packaged());
        Simulation simulation = new Simulation(List.of(persona));
        Instant end = SimEvents.START.plus(span);
        List<SimEvent> events = new ArrayList<>();
        for (SimEvent event = simulation.next(); event.ts().isBefore(end); event = simulation.next()) {
            events.add(event);
        }
        return new Play(events);
    }

    List<UsageEvent> calls() {
        return events.stream().filter(e -> e instanceof SimEvent.Usage).map(e -> ((SimEvent.Usage) e).event()).toList();
    }

    List<OutcomeEvent> outcomes() {
        return events.stream().filter(e -> e instanceof SimEvent.Outcome).map(e -> ((SimEvent.Outcome) e).event())
                .toList();
    }

    List<SessionTruth> truths() {
        return events.stream().filter(e -> e instanceof SimEvent.Truth).map(e -> ((SimEvent.Truth) e).truth()).toList();
    }

    /** Coefficient of variation of the gaps between calls: 0 for a metronome, about 1 for random arrivals. */
    double cadenceCv() {
        List<UsageEvent> calls = calls();
        double[] gaps = new double[calls.size() - 1];
        for (int i = 1; i < calls.size(); i++) {
            gaps[i - 1] = Duration.between(calls.get(i - 1).getTs(), calls.get(i).getTs()).toMillis();
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double variance = java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow();
        return Math.sqrt(variance) / mean;
    }

    /** The share of calls whose prompt fingerprint some other call also has. */
    double repeatedPromptShare() {
        var counts = calls().stream().collect(java.util.stream.Collectors.groupingBy(UsageEvent::getPromptHash,
                java.util.stream.Collectors.counting()));
        return calls().stream().filter(c -> counts.get(c.getPromptHash()) > 1).count() / (double) calls().size();
    }

    double usdPerHour(Duration span) {
        return calls().stream().mapToDouble(UsageEvent::getCostUsd).sum() / (span.toMinutes() / 60.0);
    }
}
