package io.burnwatch.sim.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Coding-agent trajectories, step by step: how the prompt grows, how much of it is cached, what each step
 * generates and how long the agent waits before the next one (mini-swe-agent's steps).
 */
public final class AgentRuns {

    /** One agent step; {@code gap} is the time since the previous step (zero for the first). */
    public record Step(long promptTokens, long cachedTokens, long completionTokens, Duration gap) {
    }

    private final List<List<Step>> runs;

    AgentRuns(TraceTable table) {
        Map<String, List<Step>> bySession = new LinkedHashMap<>();
        Map<String, Double> lastTimestamp = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            String session = table.text(i, "session_id");
            double timestamp = table.number(i, "timestamp");
            Double previous = lastTimestamp.put(session, timestamp);
            long gapMillis = previous == null ? 0 : Math.max(0, Math.round((timestamp - previous) * 1000));
            long prompt = Math.round(table.number(i, "prompt_tokens"));
            bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(new Step(prompt,
                    Math.min(prompt, Math.round(table.number(i, "cached_tokens"))),
                    Math.round(table.number(i, "completion_tokens")), Duration.ofMillis(gapMillis)));
        }
        runs = List.copyOf(bySession.values());
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("The agent trace has no steps");
        }
    }

    /** The steps of one observed trajectory, picked at random. */
    public List<Step> draw(SplittableRandom random) {
        return runs.get(random.nextInt(runs.size()));
    }

    public List<List<Step>> all() {
        return runs;
    }
}
