package io.burnwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.sim.clock.RatePacer;
import io.burnwatch.sim.clock.ReplayClock;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.ThroughputLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Replay mode")
class ReplayTest {

    private static final Instant FROM = Instant.parse("2026-01-05T08:00:00Z");
    private static final Duration SPAN = Duration.ofHours(6);

    private final Clock wall = Clock.systemUTC();
    private final List<SimEvent> sent = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public void send(SimEvent event) {
            sent.add(event);
        }

        @Override
        public void close() {
        }
    };

    @Test
    @DisplayName("six hours of event time from --from are sent in seconds, and none after the span")
    void compressesTime() throws Exception {
        Simulator simulator = new Simulator(Simulation.before(new Simulation(Cast.of(42, 20).personas(FROM)),
                FROM.plus(SPAN)), new ReplayClock(FROM), sink, wall, new ThroughputLog(wall, Duration.ofSeconds(10)));

        long began = System.nanoTime();
        long count = simulator.run(Duration.ZERO);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(count).isEqualTo(sent.size()).isGreaterThan(1_000);
        assertThat(sent).allSatisfy(event -> assertThat(event.ts()).isBefore(FROM.plus(SPAN)));
        assertThat(sent.stream().filter(event -> !event.ts().isBefore(FROM))).hasSizeGreaterThan(1_000);
        assertThat(sent.get(sent.size() - 1).ts()).isAfter(FROM.plus(SPAN).minusSeconds(60));
    }

    @Test
    @DisplayName("with --rate a replay holds about the target rate on the wall clock")
    void holdsTheRate() throws Exception {
        Simulator simulator = new Simulator(new Simulation(Cast.of(42, 20).personas(FROM)), new ReplayClock(FROM),
                new RatePacer(wall, 2_000), sink, wall, new ThroughputLog(wall, Duration.ofSeconds(10)));

        long count = simulator.run(Duration.ofSeconds(1));

        assertThat(count).isBetween(1_700L, 2_100L);
    }
}
