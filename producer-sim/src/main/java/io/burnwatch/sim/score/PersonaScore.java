package io.burnwatch.sim.score;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How detection did on one persona's sessions. {@code pendingSessions} are not among the alerted sessions (see
 * {@link Scoring}). {@code precision} and {@code recall} are empty where they are not defined (no alerted sessions;
 * no sessions that should alert), the delays where no session was detected in time to measure one. The delays
 * ({@code delay*}) run from a session's {@code detectable_from}, the start delays ({@code startDelay*}) from its
 * {@code started_at}, to its first alert's {@code opened_at}.
 */
public record PersonaScore(String persona, int sessions, int alertedSessions, int pendingSessions, int correctAlerts,
                           int resolvedByOutcome, int resolvedQuiet, int shouldAlert, int detectedShouldAlert,
                           Duration delayP50, Duration delayP95, Duration delayMax, Duration startDelayP50,
                           Duration startDelayP95, Duration startDelayMax) {

    public OptionalDouble precision() {
        return alertedSessions == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) correctAlerts / alertedSessions);
    }

    public OptionalDouble recall() {
        return shouldAlert == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) detectedShouldAlert / shouldAlert);
    }
}
