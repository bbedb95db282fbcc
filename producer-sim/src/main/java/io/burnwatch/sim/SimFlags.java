package io.burnwatch.sim;

import io.burnwatch.sim.persona.Mix;
import io.burnwatch.sim.publish.Via;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Checks of the simulator's cast and span flags, shared with the commands that pass them on to it. */
public final class SimFlags {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
    private static final Map<String, ChronoUnit> UNITS = Map.of("ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS);

    private SimFlags() {
    }

    /**
     * The parsed {@code --outcome-lag}: 0, or a whole number and a unit (ms, s, m or h), e.g. 20s or 5m.
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static Duration parseLag(String text) {
        if (text != null && text.strip().equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = text == null ? null : DURATION.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: pass 0 or a whole number and a unit"
                    + " (ms, s, m or h), e.g. 20s or 5m");
        }
        return Duration.of(Long.parseLong(matcher.group(1)), UNITS.get(matcher.group(2)));
    }

    /** The parsed {@code --outcome-lag}. */
    public static Duration outcomeLag(CommandLine commandLine, String lag) {
        try {
            return parseLag(lag);
        } catch (IllegalArgumentException e) {
            throw OneLineErrors.problem(commandLine, "--outcome-lag " + e.getMessage());
        }
    }

    /** The parsed {@code --via}. */
    public static Via via(CommandLine commandLine, String via) {
        try {
            return Via.parse(via);
        } catch (IllegalArgumentException e) {
            throw OneLineErrors.problem(commandLine, "--via " + e.getMessage());
        }
    }

    public static void requireUsers(CommandLine commandLine, int users) {
        if (users < 1) {
            throw OneLineErrors.problem(commandLine, "--users " + users + " is too few: pass --users 1 or more");
        }
    }

    public static void requireHours(CommandLine commandLine, double hours) {
        if (!(hours > 0) || Double.isInfinite(hours)) {
            throw OneLineErrors.problem(commandLine,
                    "--hours " + hours + " is not a positive number of hours: pass e.g. --hours 24");
        }
    }

    /** The parsed {@code --mix}. */
    public static Mix mix(CommandLine commandLine, String mix) {
        try {
            return Mix.parse(mix);
        } catch (IllegalArgumentException e) {
            throw OneLineErrors.problem(commandLine, "--mix " + mix + ": " + e.getMessage());
        }
    }

    /** Checks {@code --from}, if given. */
    public static void requireFrom(CommandLine commandLine, String from) {
        if (from == null) {
            return;
        }
        try {
            Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw OneLineErrors.problem(commandLine,
                    "--from " + from + " is not an ISO-8601 instant: pass e.g. --from 2026-01-05T00:00:00Z");
        }
    }
}
