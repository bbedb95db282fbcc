package io.burnwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.persona.SimEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theSameSeedGivesTheSameEvents() {
        List<SimEvent> first = SimEvents.firstSpan(Cast.of(42, 6), HOUR);
        List<SimEvent> second = SimEvents.firstSpan(Cast.of(42, 6), HOUR);

        assertThat(first).hasSizeGreaterThan(1_000).isEqualTo(second);
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        Set<String> ids42 = eventIds(SimEvents.firstSpan(Cast.of(42, 6), HOUR));
        Set<String> ids43 = eventIds(SimEvents.firstSpan(Cast.of(43, 6), HOUR));

        assertThat(ids42).doesNotContainAnyElementsOf(ids43);
    }

    @Test
    void aRunStartingLaterReplaysTheSeedsBehaviourUnderNewIds() {
        Cast cast = Cast.of(42, 6);
        Instant tomorrow = SimEvents.START.plus(Duration.ofDays(1));
        List<SimEvent> today = SimEvents.firstSpan(cast, HOUR);
        List<SimEvent> later = SimEvents.firstSpan(cast, tomorrow, HOUR);

        assertThat(later).extracting(e -> Duration.between(tomorrow, e.ts()))
                .isEqualTo(today.stream().map(e -> Duration.between(SimEvents.START, e.ts())).toList());
        assertThat(later).extracting(e -> SimEvents.shape(e.record()))
                .isEqualTo(today.stream().map(e -> SimEvents.shape(e.record())).toList());
        assertThat(eventIds(later)).doesNotContainAnyElementsOf(eventIds(today));
    }

    @Test
    void eventsComeInEventTimeOrderWithUniqueIds() {
        List<SimEvent> events = SimEvents.firstSpan(Cast.of(42, 6), HOUR);

        assertThat(events).extracting(SimEvent::ts).isSorted();
        assertThat(eventIds(events)).hasSize(events.size());
    }

    @Test
    void aCountTakesTheFirstEventsOnly() {
        List<SimEvent> span = SimEvents.firstSpan(Cast.of(42, 6), HOUR);
        Iterator<SimEvent> first = Simulation.first(new Simulation(Cast.of(42, 6).personas(SimEvents.START)), 100);
        List<SimEvent> taken = new ArrayList<>();
        first.forEachRemaining(taken::add);

        assertThat(taken).isEqualTo(span.subList(0, 100));
        assertThat(first.hasNext()).isFalse();
    }

    @Test
    void everyUsageEventSaysWhoWhereAndWithWhat() {
        Cast cast = Cast.of(42, 6);
        List<UsageEvent> usage = SimEvents.firstSpan(cast, HOUR).stream()
                .filter(e -> e instanceof SimEvent.Usage).map(e -> ((SimEvent.Usage) e).event()).toList();

        assertThat(usage).allSatisfy(u -> {
            assertThat(u.getTeamId()).isNotBlank();
            assertThat(u.getSessionId()).startsWith("s-");
            assertThat(u.getClient()).isIn("claude-code", "cursor", "codex", "api");
            assertThat(u.getModel()).isIn("claude-sonnet-4-5", "gpt-5", "gemini-2.5-pro");
            assertThat(u.getRepo()).isNotBlank();
            assertThat(u.getCostUsd()).isPositive();
        });
        assertThat(usage.stream().map(UsageEvent::getUserId).collect(Collectors.toSet()))
                .hasSize(cast.users().size());
    }

    private static Set<String> eventIds(List<SimEvent> events) {
        return events.stream().map(SimEvent::eventId).collect(Collectors.toSet());
    }
}
