package io.burnwatch.sim.persona;

import io.burnwatch.sim.trace.AgentRuns;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Replays observed coding-agent trajectories step by step: each step's prompt, cached share and output, and the
 * gap before the next. Scaled to spend about a target in USD an hour: tokens by up to {@link #MAX_TOKEN_SCALE}
 * (prompts stay within {@link #CONTEXT_WINDOW}), the rest by a faster cadence, as several agents would.
 */
final class AgentSteps {

    static final long CONTEXT_WINDOW = 200_000;
    static final double MAX_TOKEN_SCALE = 4;
    static final Duration MIN_GAP = Duration.ofSeconds(1);
    static final Duration MAX_GAP = Duration.ofMinutes(5);
    /** Between two trajectories: the least time to read the last result and give the next task. */
    private static final Duration NEXT_TASK = Duration.ofSeconds(10);

    private final AgentRuns runs;
    private final SplittableRandom random;
    private final double tokenScale;
    private final double timeScale;
    private List<AgentRuns.Step> run;
    private int next;

    AgentSteps(AgentRuns runs, Model model, double usdPerHour, SplittableRandom random) {
        this.runs = runs;
        this.random = random;
        double scale = usdPerHour / costPerHour(runs, model);
        this.tokenScale = Math.min(scale, MAX_TOKEN_SCALE);
        this.timeScale = scale / tokenScale;
        this.run = runs.draw(random);
    }

    /** The tokens of the next step; a finished trajectory is followed by another one, from its first step. */
    Tokens next() {
        if (next >= run.size()) {
            run = runs.draw(random);
            next = 0;
        }
        AgentRuns.Step step = run.get(next++);
        long cached = Math.round(step.cachedTokens() * tokenScale);
        long uncached = Math.round((step.promptTokens() - step.cachedTokens()) * tokenScale);
        long overflow = Math.max(0, cached + uncached - CONTEXT_WINDOW);
        return new Tokens(uncached, Math.max(1, Math.round(step.completionTokens() * tokenScale)),
                cached - Math.min(cached, overflow), 0);
    }

    /** Whether the current trajectory (one task) has no step left. */
    boolean taskDone() {
        return next >= run.size();
    }

    /** The wait before the next step, as observed after this one, at the scaled cadence. */
    Duration gap() {
        Duration observed = next < run.size() ? run.get(next).gap() : Dice.between(random, NEXT_TASK, NEXT_TASK.multipliedBy(6));
        Duration scaled = Duration.ofMillis(Math.round(observed.toMillis() / timeScale));
        return scaled.compareTo(MIN_GAP) < 0 ? MIN_GAP : scaled.compareTo(MAX_GAP) > 0 ? MAX_GAP : scaled;
    }

    /** What the trajectories cost an hour at {@code model}'s prices, replayed as observed. */
    static double costPerHour(AgentRuns runs, Model model) {
        double usd = 0;
        long millis = 0;
        for (List<AgentRuns.Step> run : runs.all()) {
            for (AgentRuns.Step step : run) {
                usd += model.costUsd(new Tokens(step.promptTokens() - step.cachedTokens(), step.completionTokens(),
                        step.cachedTokens(), 0));
                millis += Math.min(MAX_GAP.toMillis(), Math.max(MIN_GAP.toMillis(), step.gap().toMillis()));
            }
        }
        return usd / (millis / 3_600_000.0);
    }
}
