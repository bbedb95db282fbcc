package io.burnwatch.stack;

import java.util.Locale;

/** The periodic one-line summary: events in and their rate, open alerts, rollups. */
final class StatusLine {

    private long lastEvents = -1;
    private long lastNanos;

    /** The line for now, with the rate since the previous line. */
    String next(long eventsIn, int openAlerts, long rollups, long nowNanos) {
        double rate = lastEvents < 0 ? 0 : (eventsIn - lastEvents) / Math.max(1e-3, (nowNanos - lastNanos) / 1e9);
        lastEvents = eventsIn;
        lastNanos = nowNanos;
        return format(eventsIn, rate, openAlerts, rollups);
    }

    static String format(long eventsIn, double perSecond, int openAlerts, long rollups) {
        return String.format(Locale.ROOT, "events in: %,d (%,d/s) | open alerts: %d | rollups: %,d",
                eventsIn, Math.round(perSecond), openAlerts, rollups);
    }
}
