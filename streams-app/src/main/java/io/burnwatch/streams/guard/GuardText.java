package io.burnwatch.streams.guard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How budget and spike messages write money, shares and times. */
public final class GuardText {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private GuardText() {
    }

    /** 2512.4 → "$2,512.40". */
    public static String usd(double amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount);
    }

    /** 52.04 → "52%". */
    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.0f%%", percent);
    }

    /** 7.06 → "7.1x". */
    public static String times(double ratio) {
        return String.format(Locale.ROOT, "%.1fx", ratio);
    }

    /** "2026-03-24 13:00 UTC". */
    public static String minute(Instant at) {
        return MINUTE.format(at);
    }

    /** "13:00". */
    public static String clock(Instant at) {
        return HOUR.format(at);
    }
}
