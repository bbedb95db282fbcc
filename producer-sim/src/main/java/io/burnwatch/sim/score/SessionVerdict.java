package io.burnwatch.sim.score;

import java.util.List;

/**
 * What became of one session with at least one session alert: {@link #PENDING} while all of its alerts are
 * unresolved, else {@code QUIET} if any was resolved QUIET, else {@code OUTCOME} if any was resolved by an outcome,
 * else the resolution of its alerts. {@code episodes} has the state of each of its alerts in the order they were
 * opened (a resolution, or {@link #PENDING}), e.g. {@code [QUIET, PENDING]} for a loop that went quiet and resumed.
 */
public record SessionVerdict(String sessionId, String persona, String label, String resolution,
                             List<String> episodes) {

    public static final String PENDING = "PENDING";

    public SessionVerdict {
        episodes = List.copyOf(episodes);
    }
}
