package io.burnwatch.sim.score;

/**
 * What became of one session with at least one session alert: {@link #PENDING} while all of its alerts are
 * unresolved, else {@code QUIET} if any was resolved QUIET, else {@code OUTCOME} if any was resolved by an outcome,
 * else the resolution of its alerts.
 */
public record SessionVerdict(String sessionId, String persona, String label, String resolution) {

    public static final String PENDING = "PENDING";
}
