package io.burnwatch.sim;

import io.burnwatch.sim.clock.Pacer;
import io.burnwatch.sim.clock.SimClock;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.ThroughputLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Emits the simulation's events at the pace of its clock and within the pacer's rate, until stopped, until the
 * run's wall time is up, or until the events run out.
 */
public final class Simulator {

    private final Iterator<SimEvent> events;
    private final SimClock clock;
    private final Pacer pacer;
    private final EventSink sink;
    private final Clock wall;
    private final ThroughputLog throughput;
    private final CountDownLatch stop = new CountDownLatch(1);

    public Simulator(Iterator<SimEvent> events, SimClock clock, EventSink sink, Clock wall, ThroughputLog throughput) {
        this(events, clock, Pacer.UNLIMITED, sink, wall, throughput);
    }

    public Simulator(Iterator<SimEvent> events, SimClock clock, Pacer pacer, EventSink sink, Clock wall,
                     ThroughputLog throughput) {
        this.events = events;
        this.clock = clock;
        this.pacer = pacer;
        this.sink = sink;
        this.wall = wall;
        this.throughput = throughput;
    }

    /**
     * Runs for {@code runFor} of wall time, or until {@link #stop()} or the end of the events when it is zero.
     *
     * @return how many events were handed to the sink
     */
    public long run(Duration runFor) throws InterruptedException {
        Instant deadline = runFor.isZero() ? Instant.MAX : wall.instant().plus(runFor);
        while (events.hasNext()) {
            SimEvent event = events.next();
            Duration wait = max(clock.wallTimeUntil(event.ts()), pacer.waitForNext());
            Duration left = deadline == Instant.MAX ? wait : Duration.between(wall.instant(), deadline);
            if (left.compareTo(wait) < 0) {
                pause(left);
                break;
            }
            if (pause(wait)) {
                break;
            }
            sink.send(event);
            throughput.sent(event);
        }
        return throughput.total();
    }

    /** Makes {@link #run} return at once; events already handed over are still delivered when the sink closes. */
    public void stop() {
        stop.countDown();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** @return whether the run was stopped meanwhile */
    private boolean pause(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            return stop.getCount() == 0;
        }
        return stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
