package io.burnwatch.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The running stack's console: alerts as they arrive, a status line every few seconds, and its children's health. */
final class Watch {

    private static final Duration POLL = Duration.ofMillis(250);

    private final PrintWriter console;
    private final AlertFeed alerts;
    private final EventsIn eventsIn;
    private final List<JavaProcess> children;
    private final Duration statusEvery;

    Watch(PrintWriter console, AlertFeed alerts, EventsIn eventsIn, List<JavaProcess> children, Duration statusEvery) {
        this.console = console;
        this.alerts = alerts;
        this.eventsIn = eventsIn;
        this.children = children;
        this.statusEvery = statusEvery;
    }

    /**
     * Runs until {@code stopped} or until {@code runFor} has passed (zero: no limit).
     *
     * @throws StackFailure when a child exits on its own
     */
    void run(Duration runFor, BooleanSupplier stopped) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (runFor.isZero() ? Long.MAX_VALUE / 2 : runFor.toNanos());
        long nextStatus = start + statusEvery.toNanos();
        StatusLine status = new StatusLine();
        status.next(eventsIn.count(), 0, 0, start);
        while (!stopped.getAsBoolean() && System.nanoTime() - end < 0) {
            alerts.poll(POLL);
            children.forEach(JavaProcess::requireRunning);
            long now = System.nanoTime();
            if (now - nextStatus >= 0) {
                console.println(status.next(eventsIn.count(), alerts.openAlerts(), alerts.rollups(), now));
                console.flush();
                nextStatus += statusEvery.toNanos();
            }
        }
    }
}
