package io.burnwatch.streams.idle;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.time.Duration;

/**
 * When an agent session counts as an idle loop. It <i>burns</i> while its agent calls over the trailing
 * {@code window} cost at least {@code minCostUsd} (or, when no call's cost is known, hold at least
 * {@code minTokens} tokens). A burning session is accused on evidence, not on the mere absence of an outcome:
 * <ul>
 *   <li>with two or more loop fingerprints present, once it has burned for {@code fingerprintConfirm};</li>
 *   <li>otherwise once it has gone longer than its patience without an attributable outcome (since its last one,
 *   or since it started), and kept burning for {@code confirm} past it. The patience is learned from the user's
 *   own time between outcomes, {@code patience} by default (see {@link Patience}).</li>
 * </ul>
 * An open alert is updated at most every {@code updateInterval}, resolves OUTCOME on an attributable outcome at
 * most {@code outcomeLookback} before its state, and QUIET after {@code quiet} without an agent call. Decisions
 * wait {@code outcomeDelay} of wall clock, so outcomes arriving that much after usage of the same event time still
 * count (see {@link OutcomeHold}).
 */
public record IdleRule(Duration window, double minCostUsd, long minTokens, Duration outcomeLookback, Duration confirm,
                       Duration updateInterval, Duration quiet, Duration patience, Duration fingerprintConfirm,
                       Duration outcomeDelay) {

    public static IdleRule from(BurnwatchConfig config) {
        return new IdleRule(config.idleWindow(), config.idleMinCostUsd(), config.idleMinTokens(),
                config.idleOutcomeLookback(), config.idleConfirm(), config.idleUpdateInterval(), config.idleQuiet(),
                config.idlePatience(), config.idleFingerprintConfirm(), config.idleOutcomeDelay());
    }

    /** The window in whole minutes, rounded up: the burn is kept per minute of event time. */
    int windowMinutes() {
        return (int) Math.max(1, (window.toSeconds() + 59) / 60);
    }

    /**
     * Whether the window's burn is large: by cost when any call's cost is known, since a million tokens read from
     * cache cost less than a few thousand written; by tokens as well only while no person takes turns in the
     * session ({@code attended} false), so that a person's huge contexts count by what they cost, while an agent
     * re-reading a cheap cached context for hours on its own still burns.
     */
    boolean burning(WindowBurn burn, boolean attended) {
        boolean costly = burn.costUsd() != null && burn.costUsd() >= minCostUsd;
        return costly || ((burn.costUsd() == null || !attended) && burn.tokens() >= minTokens);
    }

    /** Whether a person took a turn in the session within the window before {@code nowMs}. */
    boolean attended(Long lastHumanMs, long nowMs) {
        return lastHumanMs != null && nowMs - lastHumanMs < window.toMillis();
    }

    /** Whether an outcome at {@code outcomeMs} (null: none) resolves an alert whose state is at {@code nowMs}. */
    boolean recentOutcome(Long outcomeMs, long nowMs) {
        return outcomeMs != null && outcomeMs > nowMs - outcomeLookback.toMillis();
    }

    /** How long a session may go without any call or outcome before its state is forgotten. */
    long retentionMs() {
        return Math.max(Math.max(outcomeLookback.toMillis(), window.toMillis()), quiet.toMillis());
    }
}
