package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands events in batches to a thread of their own that sends them to {@code sink} in the same order, so that
 * generating events and serializing them run on two cores. A full queue makes the generator wait: the sink's
 * pace is the run's pace.
 */
public final class HandOffSink implements EventSink {

    private static final int BATCH = 1_000;
    private static final int QUEUED_BATCHES = 32;
    private static final List<SimEvent> END = List.of();

    private final EventSink sink;
    private final BlockingQueue<List<SimEvent>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread sender;
    private List<SimEvent> batch = new ArrayList<>(BATCH);

    public HandOffSink(EventSink sink) {
        this.sink = sink;
        this.sender = new Thread(this::sendAll, "burnwatch-sim-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void send(SimEvent event) {
        batch.add(event);
        if (batch.size() == BATCH) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    @Override
    public void close() {
        try {
            if (!batch.isEmpty()) {
                handOver(batch);
            }
            handOver(END);
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sink.close();
        }
        throwIfFailed();
    }

    private void handOver(List<SimEvent> events) {
        try {
            while (!queue.offer(events, 100, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while handing events over", e);
        }
        throwIfFailed();
    }

    private void sendAll() {
        try {
            for (List<SimEvent> events = queue.take(); events != END; events = queue.take()) {
                events.forEach(sink::send);
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
            throw new IllegalStateException("Could not send events: " + failed.getMessage(), failed);
        }
    }
}
