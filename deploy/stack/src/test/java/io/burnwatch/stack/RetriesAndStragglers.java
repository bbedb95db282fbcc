package io.burnwatch.stack;

import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * Hands events on as real producers deliver them: every {@value #RETRY_EVERY}th event comes again a few records
 * later (a retry: same event id), and every {@value #STRAGGLE_EVERY}th call is held back until event time has
 * moved on by {@link #SHORT_DELAY}, or for every tenth of them {@link #LONG_DELAY} (a straggler, late for its
 * minute, or for its hour too). Session truths are left out: the drills check the app against its input alone.
 */
final class RetriesAndStragglers implements EventSink {

    static final int RETRY_EVERY = 40;
    static final int STRAGGLE_EVERY = 60;
    static final Duration SHORT_DELAY = Duration.ofMinutes(3);
    static final Duration LONG_DELAY = Duration.ofMinutes(70);
    private static final int RETRY_DISTANCE = 3;

    private record Held(Instant due, SimEvent event) {
    }

    private final EventSink next;
    private final Deque<SimEvent> recent = new ArrayDeque<>();
    private final PriorityQueue<Held> stragglers = new PriorityQueue<>(Comparator.comparing(Held::due));
    private long events;
    private long calls;
    private long forwarded;

    RetriesAndStragglers(EventSink next) {
        this.next = next;
    }

    @Override
    public void send(SimEvent event) {
        if (event instanceof SimEvent.Truth) {
            return;
        }
        while (!stragglers.isEmpty() && !stragglers.peek().due().isAfter(event.ts())) {
            forward(stragglers.poll().event());
        }
        if (event instanceof SimEvent.Usage && ++calls % STRAGGLE_EVERY == 0) {
            Duration delay = calls % (STRAGGLE_EVERY * 10L) == 0 ? LONG_DELAY : SHORT_DELAY;
            stragglers.add(new Held(event.ts().plus(delay), event));
            return;
        }
        forward(event);
        recent.addLast(event);
        if (recent.size() > RETRY_DISTANCE) {
            SimEvent retried = recent.removeFirst();
            if (++events % RETRY_EVERY == 0) {
                forward(retried);
            }
        }
    }

    /** Records handed on so far, retries and stragglers included. */
    long forwarded() {
        return forwarded;
    }

    /** Sends the stragglers still held, then closes the next sink. */
    @Override
    public void close() {
        while (!stragglers.isEmpty()) {
            forward(stragglers.poll().event());
        }
        next.close();
    }

    private void forward(SimEvent event) {
        next.send(event);
        forwarded++;
    }
}
