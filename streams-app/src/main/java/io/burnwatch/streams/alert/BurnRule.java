package io.burnwatch.streams.alert;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.time.Duration;

/**
 * When a session counts as burning: at least {@code minTokens} tokens within the trailing {@code window} of
 * event time while its user has had no outcome within {@code outcomeLookback}.
 */
public record BurnRule(long minTokens, Duration window, Duration outcomeLookback) {

    public static BurnRule from(BurnwatchConfig config) {
        return new BurnRule(config.alertMinTokens(), config.alertWindow(), config.alertOutcomeLookback());
    }

    /** Whether an outcome at {@code lastOutcomeMs} (null: none seen) still counts as recent at {@code nowMs}. */
    boolean recentOutcome(Long lastOutcomeMs, long nowMs) {
        // An outcome later than nowMs (it arrived out of order) counts too: the work already paid off.
        return lastOutcomeMs != null && lastOutcomeMs > nowMs - outcomeLookback.toMillis();
    }
}
