package io.burnwatch.sim.persona;

import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The streams app's alert rule, replayed over a finished event list: a user with at least 2,000,000 tokens over
 * the trailing 10 minutes of event time and no outcome in the hour before. Checked per user, which is stricter than
 * the app's per-session rule.
 */
final class BurnRule {

    static final long THRESHOLD = 2_000_000;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration OUTCOME_LOOKBACK = Duration.ofHours(1);

    private BurnRule() {
    }

    /** The users the rule fires for. */
    static Set<String> burners(List<SimEvent> events) {
        Map<String, Deque<UsageEvent>> trailing = new HashMap<>();
        Map<String, Long> trailingTokens = new HashMap<>();
        Map<String, Instant> lastOutcome = new HashMap<>();
        Set<String> burners = new HashSet<>();
        for (SimEvent event : events) {
            String user = event.userId();
            if (event instanceof SimEvent.Outcome) {
                lastOutcome.merge(user, event.ts(), (a, b) -> a.isAfter(b) ? a : b);
                continue;
            }
            if (!(event instanceof SimEvent.Usage call)) {
                continue;
            }
            UsageEvent usage = call.event();
            Deque<UsageEvent> window = trailing.computeIfAbsent(user, u -> new ArrayDeque<>());
            window.addLast(usage);
            long tokens = trailingTokens.merge(user, total(usage), Long::sum);
            while (!window.peekFirst().getTs().isAfter(usage.getTs().minus(WINDOW))) {
                tokens = trailingTokens.merge(user, -total(window.removeFirst()), Long::sum);
            }
            Instant outcome = lastOutcome.get(user);
            boolean recentOutcome = outcome != null && !outcome.isBefore(usage.getTs().minus(OUTCOME_LOOKBACK));
            if (tokens >= THRESHOLD && !recentOutcome) {
                burners.add(user);
            }
        }
        return burners;
    }

    static long total(UsageEvent usage) {
        return usage.getInputTokens() + usage.getOutputTokens() + usage.getCacheReadTokens()
                + usage.getCacheWriteTokens();
    }
}
