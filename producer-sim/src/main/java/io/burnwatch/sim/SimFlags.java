package io.burnwatch.sim;

import io.burnwatch.sim.persona.Mix;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Checks of the simulator's cast and span flags, shared with the commands that pass them on to it. */
public final class SimFlags {

    private SimFlags() {
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
