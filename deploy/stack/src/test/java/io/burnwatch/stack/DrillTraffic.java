package io.burnwatch.stack;

import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.Simulator;
import io.burnwatch.sim.bad.BadInputSink;
import io.burnwatch.sim.clock.RatePacer;
import io.burnwatch.sim.clock.ReplayClock;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.Mix;
import io.burnwatch.sim.persona.Role;
import io.burnwatch.sim.persona.User;
import io.burnwatch.sim.publish.KafkaEventSink;
import io.burnwatch.sim.publish.ProducerSettings;
import io.burnwatch.sim.publish.ThroughputLog;
import io.burnwatch.sim.publish.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A day of simulated traffic, sent in the background at a steady rate until stopped: from 01:00 UTC of the day,
 * a cast with idle loopers (so that alerts open), heavy and light users, a jittered looper, an autonomous runner
 * and a context stuffer, through {@link RetriesAndStragglers} and malformed records of every kind the app
 * dead-letters. The producer is idempotent with acks=all, as the simulator's always is.
 */
record DrillTraffic(Cast cast, Simulator simulator, RetriesAndStragglers sink, BadInputSink bad,
                   CompletableFuture<Long> run) implements AutoCloseable {

    private static final Mix MIX = Mix.parse("light=4,heavy=3,idle=2,jitter=1,runner=1,stuffer=1");
    private static final int USERS = 12;
    private static final double BAD_FRACTION = 0.003;
    private static final Duration FIRST_EVENT = Duration.ofHours(1);
    /** Event time stops before the sentinels of the next day's first minutes. */
    private static final Duration LAST_EVENT = Duration.ofHours(22);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(150);

    /**
     * Starts sending.
     *
     * @param client bootstrap servers and schema registry URL
     * @param day midnight UTC of the day the events are stamped in
     */
    static DrillTraffic start(Properties client, Topics topics, Instant day, long seed, double eventsPerSecond) {
        Cast cast = Cast.of(seed, USERS, MIX);
        Instant start = day.plus(FIRST_EVENT);
        Clock wall = Clock.systemUTC();
        BadInputSink bad = new BadInputSink(new KafkaEventSink(ProducerSettings.producerConfig(client), topics),
                BAD_FRACTION, seed, wall);
        RetriesAndStragglers sink = new RetriesAndStragglers(bad);
        Simulator simulator = new Simulator(Simulation.before(new Simulation(cast.personas(start)), day.plus(LAST_EVENT)),
                new ReplayClock(start), new RatePacer(wall, eventsPerSecond), sink, wall,
                new ThroughputLog(wall, Duration.ofSeconds(10)));
        CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> runToStop(simulator, sink),
                task -> {
                    Thread thread = new Thread(task, "drill-traffic");
                    thread.setDaemon(true);
                    thread.start();
                });
        return new DrillTraffic(cast, simulator, sink, bad, run);
    }

    /** The users whose agents loop: each should get an alert. */
    List<User> loopers() {
        return cast.users().stream().filter(user -> cast.roleOf(user) == Role.IDLE_LOOPER).toList();
    }

    /**
     * Stops sending and flushes the producer.
     *
     * @return the records written, good, repeated, late and malformed
     * @throws IllegalStateException if the producer could not deliver them all
     */
    long stop() throws InterruptedException {
        simulator.stop();
        try {
            run.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The traffic failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The traffic did not stop within " + STOP_TIMEOUT.toSeconds() + " s", e);
        }
        return sink.forwarded() + bad.sent().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Stops sending if {@link #stop} was not called, e.g. because a drill failed. */
    @Override
    public void close() throws InterruptedException {
        if (!run.isDone()) {
            try {
                stop();
            } catch (IllegalStateException e) {
                // The drill has failed already: that failure is the one to report.
            }
        }
    }

    private static long runToStop(Simulator simulator, RetriesAndStragglers sink) {
        try (sink) {
            return simulator.run(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending traffic", e);
        }
    }
}
