package io.burnwatch.streams.idle;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.time.Duration;

/**
 * When an agent session counts as an idle loop: its agent calls over the trailing {@code window} cost at least
 * {@code minCostUsd} or hold at least {@code minTokens} tokens, no outcome attributable to it happened within
 * {@code outcomeLookback}, and both still hold {@code confirm} later. An open alert is updated at most every
 * {@code updateInterval} and resolves QUIET after {@code quiet} without an agent call.
 */
public record IdleRule(Duration window, double minCostUsd, long minTokens, Duration outcomeLookback, Duration confirm,
                       Duration updateInterval, Duration quiet) {

    public static IdleRule from(BurnwatchConfig config) {
        return new IdleRule(config.idleWindow(), config.idleMinCostUsd(), config.idleMinTokens(),
                config.idleOutcomeLookback(), config.idleConfirm(), config.idleUpdateInterval(), config.idleQuiet());
    }

    /** The window in whole minutes, rounded up: the burn is kept per minute of event time. */
    int windowMinutes() {
        return (int) Math.max(1, (window.toSeconds() + 59) / 60);
    }

    boolean burning(WindowBurn burn) {
        return burn.tokens() >= minTokens || (burn.costUsd() != null && burn.costUsd() >= minCostUsd);
    }

    /** Whether an outcome at {@code outcomeMs} (null: none) counts against a burn at {@code nowMs}. */
    boolean recentOutcome(Long outcomeMs, long nowMs) {
        // An outcome later than nowMs (it arrived out of order) counts too: the work already paid off.
        return outcomeMs != null && outcomeMs > nowMs - outcomeLookback.toMillis();
    }

    /** How long a session may go without any call or outcome before its state is forgotten. */
    long retentionMs() {
        return Math.max(Math.max(outcomeLookback.toMillis(), window.toMillis()), quiet.toMillis());
    }
}
