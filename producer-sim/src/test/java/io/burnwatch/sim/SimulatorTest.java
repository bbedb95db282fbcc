package io.burnwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.sim.clock.ScaledClock;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.ThroughputLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs against the real wall clock, briefly, at high speed. */
class SimulatorTest {

    private static final double SPEED = 60;

    private final Clock wall = Clock.systemUTC();
    private final Instant start = wall.instant();
    private final ScaledClock clock = new ScaledClock(wall, start, SPEED);
    private final RecordingSink sink = new RecordingSink(clock);
    private final Simulator simulator = new Simulator(new Simulation(Cast.of(42, 6).personas(start)), clock, sink,
            wall, new ThroughputLog(wall, Duration.ofSeconds(10)));

    @Test
    void theSpeedFactorCompressesEventTimeWithoutSendingAnyEventEarly() throws Exception {
        long began = System.nanoTime();
        long sent = simulator.run(Duration.ofSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(4));
        assertThat(sent).isEqualTo(sink.events.size());
        assertThat(sink.sentEarly).isEmpty();
        Instant last = sink.events.get(sink.events.size() - 1).ts();
        // Two seconds at speed 60 are 120 s of event time; the looper alone calls about once a second.
        assertThat(last).isBetween(start.plusSeconds(60), start.plusSeconds(121));
        assertThat(sink.events.stream().filter(e -> e.ts().isAfter(start))).hasSizeGreaterThan(60);
    }

    @Test
    void stopEndsAnUnlimitedRunPromptly() throws Exception {
        CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> {
            try {
                return simulator.run(Duration.ZERO);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        io.burnwatch.local.Await.until(Duration.ofSeconds(10), "a few events", () -> sink.events.size() > 5);

        simulator.stop();

        assertThat(run.get(5, TimeUnit.SECONDS)).isGreaterThan(5);
    }

    private static final class RecordingSink implements EventSink {
        private final ScaledClock clock;
        final List<SimEvent> events = new CopyOnWriteArrayList<>();
        final List<SimEvent> sentEarly = new CopyOnWriteArrayList<>();

        RecordingSink(ScaledClock clock) {
            this.clock = clock;
        }

        @Override
        public void send(SimEvent event) {
            if (event.ts().isAfter(clock.now())) {
                sentEarly.add(event);
            }
            events.add(event);
        }

        @Override
        public void close() {
        }
    }
}
