package io.burnwatch.stack;

import java.time.Duration;
import java.util.Locale;

/**
 * How fast a streams app works through a backlog: its consumer lag polled until zero. The clock starts at the
 * app's first commit, so the JVM's start, the group's first rebalance and the restore of state are not counted.
 *
 * @param records the backlog
 * @param seconds the time from the first commit until no lag was left
 * @param startupSeconds the time from the start of the measurement to the first commit
 * @param cpuSeconds the CPU time the app used from the first commit until no lag was left
 * @param warm from when half of the input was read until the end, once the JIT has compiled the hot code
 */
record ProcessingRate(long records, double seconds, double startupSeconds, double cpuSeconds, Half warm) {

    /** The records, seconds and CPU seconds of part of the backlog. */
    record Half(long records, double seconds, double cpuSeconds) {
        double perSecond() {
            return records / seconds;
        }

        double cpuMsPerThousand() {
            return cpuSeconds * 1e6 / records;
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    double perSecond() {
        return records / seconds;
    }

    /** CPU milliseconds per thousand records: what the processing costs, whatever else ran at the same time. */
    double cpuMsPerThousand() {
        return cpuSeconds * 1e6 / records;
    }

    /**
     * Polls {@code lag} until it is zero; {@code app} is checked between polls.
     *
     * @throws StackFailure if the app stops or the timeout passes first
     */
    static ProcessingRate measure(ConsumerLag lag, long backlog, Duration timeout, JavaProcess app)
            throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        long firstCommit = 0;
        double cpuAtFirstCommit = 0;
        long halfway = 0;
        long lagAtHalfway = 0;
        double cpuAtHalfway = 0;
        while (true) {
            if (!app.isAlive()) {
                throw new StackFailure("The app stopped before it had processed its backlog");
            }
            long now = System.nanoTime();
            if (firstCommit == 0 && lag.anyCommitted()) {
                firstCommit = now;
                cpuAtFirstCommit = ProcessCpu.seconds(app.pid());
            }
            if (firstCommit != 0 && halfway == 0) {
                long unread = lag.inputRecords();
                if (unread <= backlog / 2) {
                    halfway = now;
                    lagAtHalfway = unread;
                    cpuAtHalfway = ProcessCpu.seconds(app.pid());
                }
            }
            if (firstCommit != 0 && lag.records() == 0) {
                double cpu = ProcessCpu.seconds(app.pid());
                if (halfway == 0) {
                    // Read whole between two polls: the second half is the whole.
                    halfway = firstCommit;
                    lagAtHalfway = backlog;
                    cpuAtHalfway = cpuAtFirstCommit;
                }
                return new ProcessingRate(backlog, (now - firstCommit) / 1e9, (firstCommit - began) / 1e9,
                        cpu - cpuAtFirstCommit, new Half(lagAtHalfway, (now - halfway) / 1e9, cpu - cpuAtHalfway));
            }
            if (now - deadline > 0) {
                throw new StackFailure(String.format("The backlog of %,d records was not processed in %d s: pass a"
                        + " larger --timeout, or fewer --events", backlog, timeout.toSeconds()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,.0f events/s over %.1f s (first commit after %.1f s), %.0f CPU ms per 1k"
                + " events; second half %,.0f events/s, %.0f CPU ms per 1k events", perSecond(), seconds,
                startupSeconds, cpuMsPerThousand(), warm.perSecond(), warm.cpuMsPerThousand());
    }
}
