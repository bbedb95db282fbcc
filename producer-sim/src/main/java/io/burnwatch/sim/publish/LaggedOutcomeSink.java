package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes outcomes arrive later than the usage around them, as outcomes forwarded by another pipeline do: every
 * outcome is sent through a sink of its own (its own producer) once the wall clock is {@code lag} past the moment
 * it was handed over, while every other event goes on at once. Events are handed over in event-time order, so the
 * moment an outcome is handed over is when the usage of the same event time is sent. Event times are unchanged.
 * Closing waits until the held outcomes are sent.
 */
public final class LaggedOutcomeSink implements EventSink {

    private record Held(Instant due, SimEvent event) {
    }

    private static final Held END = new Held(Instant.MIN, null);

    private final EventSink events;
    private final EventSink outcomes;
    private final Duration lag;
    private final Clock wall;
    private final BlockingQueue<Held> held = new LinkedBlockingQueue<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CountDownLatch abandon = new CountDownLatch(1);
    private final Thread sender;

    /**
     * @param events where every event but outcomes goes, at once
     * @param outcomes where outcomes go, {@code lag} later; closed with this sink
     */
    public LaggedOutcomeSink(EventSink events, EventSink outcomes, Duration lag, Clock wall) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("The outcome lag " + lag + " is negative");
        }
        this.events = events;
        this.outcomes = outcomes;
        this.lag = lag;
        this.wall = wall;
        this.sender = new Thread(this::sendWhenDue, "burnwatch-sim-lagged-outcomes");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void send(SimEvent event) {
        throwIfFailed();
        if (event instanceof SimEvent.Outcome) {
            held.add(new Held(wall.instant().plus(lag), event));
        } else {
            events.send(event);
        }
    }

    /** How many outcomes are waiting for their time. */
    public int held() {
        return held.size();
    }

    @Override
    public void close() {
        try {
            held.add(END);
            sender.join();
        } catch (InterruptedException e) {
            abandon.countDown();
            Thread.currentThread().interrupt();
        } finally {
            try {
                outcomes.close();
            } finally {
                events.close();
            }
        }
        throwIfFailed();
    }

    private void sendWhenDue() {
        try {
            for (Held next = held.take(); next != END; next = held.take()) {
                Duration wait = Duration.between(wall.instant(), next.due());
                if (!wait.isNegative() && !wait.isZero() && abandon.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
                outcomes.send(next.event());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void throwIfFailed() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Could not send a held outcome: " + failed.getMessage(), failed);
        }
    }
}
