package io.burnwatch.sim.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outcomes lagging the usage around them")
class LaggedOutcomeSinkTest {

    private static final Duration LAG = Duration.ofMillis(400);

    private final Clock wall = Clock.systemUTC();
    private final Map<SimEvent, Instant> handedOver = new ConcurrentHashMap<>();

    private final class Recording implements EventSink {
        final List<SimEvent> sent = new ArrayList<>();
        final Map<SimEvent, Instant> at = new ConcurrentHashMap<>();
        volatile boolean closed;

        @Override
        public synchronized void send(SimEvent event) {
            sent.add(event);
            at.put(event, wall.instant());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    @DisplayName("usage goes on at once, each outcome through its own sink no sooner than the lag after it was handed over, in order, all of them by close")
    void outcomesComeTheLagLater() {
        Simulation simulation = new Simulation(Cast.of(42, 10).personas(Instant.parse("2026-01-05T08:00:00Z")));
        Recording events = new Recording();
        Recording outcomes = new Recording();
        List<SimEvent> generated = new ArrayList<>();
        try (LaggedOutcomeSink sink = new LaggedOutcomeSink(events, outcomes, LAG, wall)) {
            while (generated.stream().filter(e -> e instanceof SimEvent.Outcome).count() < 5) {
                SimEvent event = simulation.next();
                generated.add(event);
                handedOver.put(event, wall.instant());
                sink.send(event);
            }
            assertThat(sink.held()).as("outcomes still held right after they were handed over").isPositive();
            assertThat(events.sent).containsExactlyElementsOf(
                    generated.stream().filter(e -> !(e instanceof SimEvent.Outcome)).toList());
        }

        assertThat(outcomes.sent).hasSize(5).containsExactlyElementsOf(
                generated.stream().filter(e -> e instanceof SimEvent.Outcome).toList());
        assertThat(outcomes.sent).allSatisfy(outcome -> assertThat(outcomes.at.get(outcome))
                .isAfterOrEqualTo(handedOver.get(outcome).plus(LAG)));
        assertThat(events.sent).allSatisfy(event -> assertThat(Duration.between(handedOver.get(event),
                events.at.get(event))).isLessThan(LAG));
        assertThat(events.closed).isTrue();
        assertThat(outcomes.closed).isTrue();
    }
}
