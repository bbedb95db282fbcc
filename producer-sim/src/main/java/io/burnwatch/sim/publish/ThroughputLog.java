package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts what was sent and logs a one-line summary at most every {@code every}: counts and rate, no payloads. */
public final class ThroughputLog {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputLog.class);

    private final Clock wall;
    private final Duration every;
    private long usage;
    private long outcomes;
    private long truths;
    private long sentAtLastLine;
    private Instant lastLine;

    public ThroughputLog(Clock wall, Duration every) {
        this.wall = wall;
        this.every = every;
        this.lastLine = wall.instant();
    }

    public void sent(SimEvent event) {
        if (event instanceof SimEvent.Usage) {
            usage++;
        } else if (event instanceof SimEvent.Outcome) {
            outcomes++;
        } else {
            truths++;
        }
        Instant now = wall.instant();
        Duration elapsed = Duration.between(lastLine, now);
        if (elapsed.compareTo(every) >= 0) {
            LOG.info(line(event.ts(), elapsed));
            sentAtLastLine = total();
            lastLine = now;
        }
    }

    public long total() {
        return usage + outcomes + truths;
    }

    String line(Instant eventTime, Duration elapsed) {
        double rate = (total() - sentAtLastLine) / Math.max(0.001, elapsed.toMillis() / 1000.0);
        return String.format(Locale.ROOT, "sent %,d events (%,d usage, %,d outcomes, %,d session truths), %,.1f/s, event time %s",
                total(), usage, outcomes, truths, rate, eventTime);
    }

    /** The run's final line: everything sent over {@code elapsed}, e.g. from start until the producer flushed. */
    public String summary(Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        return String.format(Locale.ROOT, "sent %,d events (%,d usage, %,d outcomes) in %.1f s: %,.0f events/s",
                total(), usage, outcomes, seconds, total() / seconds);
    }
}
