package io.burnwatch.streams.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in settings are written as a whole number and a unit: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}. */
public final class Durations {

    public static final String FORMAT = "a whole number and a unit (ms, s, m, h or d), e.g. 30s, 10m or 1h";

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    private Durations() {
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} naming the expected {@link #FORMAT}. */
    public static Duration parse(String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("expected " + FORMAT);
        }
        return Duration.of(Long.parseLong(matcher.group(1)), UNITS.get(matcher.group(2)));
    }

    /** The inverse of {@link #parse}, in the largest unit that divides the duration exactly. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
