package io.burnwatch.sim.truth;

import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A session's burn over the trailing {@link #WINDOW}: it becomes detectable at the first call after which the
 * window holds at least {@link #USD} in reported cost or {@link #TOKENS} tokens, with no outcome of its user in
 * the window.
 */
final class Burn {

    static final Duration WINDOW = Duration.ofMinutes(30);
    static final double USD = 5.0;
    static final long TOKENS = 2_000_000;

    private final Deque<UsageEvent> calls = new ArrayDeque<>();
    private long tokens;
    private double usd;

    /** Adds the call; returns whether the session is detectable at its time given the user's last outcome. */
    boolean add(UsageEvent call, Instant lastOutcome) {
        calls.addLast(call);
        tokens += tokens(call);
        usd += cost(call);
        Instant from = call.getTs().minus(WINDOW);
        while (!calls.peekFirst().getTs().isAfter(from)) {
            UsageEvent old = calls.removeFirst();
            tokens -= tokens(old);
            usd -= cost(old);
        }
        boolean outcomeInWindow = lastOutcome != null && lastOutcome.isAfter(from);
        return !outcomeInWindow && (tokens >= TOKENS || usd >= USD);
    }

    private static long tokens(UsageEvent call) {
        return call.getInputTokens() + call.getOutputTokens() + call.getCacheReadTokens() + call.getCacheWriteTokens();
    }

    private static double cost(UsageEvent call) {
        return call.getCostUsd() == null ? 0 : call.getCostUsd();
    }
}
