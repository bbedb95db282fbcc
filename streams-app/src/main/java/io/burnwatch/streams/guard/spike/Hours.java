package io.burnwatch.streams.guard.spike;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/** UTC hours by number: epoch millis / 1 h. */
final class Hours {

    static final long MILLIS = 3_600_000L;

    private Hours() {
    }

    static long of(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), MILLIS);
    }

    static long of(long epochMillis) {
        return Math.floorDiv(epochMillis, MILLIS);
    }

    static Instant start(long hour) {
        return Instant.ofEpochMilli(hour * MILLIS);
    }

    /** Whether the hour lies on a Saturday or Sunday, UTC. */
    static boolean weekend(long hour) {
        DayOfWeek day = start(hour).atZone(ZoneOffset.UTC).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
