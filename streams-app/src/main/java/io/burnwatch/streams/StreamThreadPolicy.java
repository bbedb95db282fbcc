package io.burnwatch.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies: it is replaced, and the cause logged, so that a passing failure (the
 * schema registry or a broker out of reach) costs a retry, not the instance. A thread that keeps dying on the same
 * record would be replaced forever, so after {@code maxReplacements} within {@code window} the instance shuts down
 * (state ERROR, exit code 1) and the failure is left to whoever restarts it. For {@link #NOT_READY_AFTER_LOSS}
 * after a thread dies the instance does not report ready: its replacement may die on the same record.
 */
final class StreamThreadPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadPolicy.class);

    private final int maxReplacements;
    private final long windowMs;
    private final LongSupplier clock;
    static final Duration NOT_READY_AFTER_LOSS = Duration.ofMinutes(1);

    private final Deque<Long> replacements = new ArrayDeque<>();
    private volatile long lastLossMs = Long.MIN_VALUE;

    StreamThreadPolicy(int maxReplacements, Duration window, LongSupplier clock) {
        this.maxReplacements = maxReplacements;
        this.windowMs = window.toMillis();
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = clock.getAsLong();
        lastLossMs = now;
        while (!replacements.isEmpty() && replacements.peekFirst() <= now - windowMs) {
            replacements.removeFirst();
        }
        String thread = Thread.currentThread().getName();
        if (replacements.size() >= maxReplacements) {
            LOG.error("stream_thread_failed thread={} action=SHUTDOWN_CLIENT replacements={} window={} cause=\"{}\"",
                    thread, replacements.size(), Duration.ofMillis(windowMs), error, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        LOG.error("stream_thread_failed thread={} action=REPLACE_THREAD replacements={} window={} cause=\"{}\"",
                thread, replacements.size(), Duration.ofMillis(windowMs), error, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Whether a stream thread died less than {@link #NOT_READY_AFTER_LOSS} ago. */
    boolean threadRecentlyLost() {
        long last = lastLossMs;
        return last != Long.MIN_VALUE && clock.getAsLong() - last < NOT_READY_AFTER_LOSS.toMillis();
    }
}
