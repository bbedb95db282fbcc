package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import io.burnwatch.sim.trace.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Starts an agent on a big job and lets it run for 3–6 hours with no commit, spawning subagents along the way,
 * until the agent stops and, 1–5 minutes after its last call, the pull request lands; then, after a break, the next
 * job. Its burn looks like a loop for hours, but its pull request resolves it.
 */
public final class AutonomousRunner implements Persona {

    static final Duration MIN_RUN = Duration.ofHours(3);
    static final Duration MAX_RUN = Duration.ofHours(6);
    static final Duration MIN_PR_AFTER_LAST_CALL = Duration.ofMinutes(1);
    static final Duration MAX_PR_AFTER_LAST_CALL = Duration.ofMinutes(5);
    private static final double SUBAGENT_CHANCE = 0.02;

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private final Traces traces;
    private Session run;
    private AgentSteps steps;
    private Instant runEnds;
    private Session subagent;
    private int subagentStepsLeft;
    /** When the finished run's pull request lands; null while the agent runs. */
    private Instant pullRequestAt;
    private final Instant firstCall;

    public AutonomousRunner(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.traces = traces;
        this.firstCall = start.plus(Dice.between(random, Duration.ofSeconds(5), Duration.ofMinutes(2)));
    }

    @Override
    public User user() {
        return user;
    }

    @Override
    public Instant firstAction() {
        return firstCall;
    }

    @Override
    public Instant act(Instant now, Consumer<SimEvent> emit) {
        if (pullRequestAt != null) {
            emit.accept(Outcomes.pullRequest(random, ids, user, run, now,
                    Dice.between(random, 200, 3_000), Dice.between(random, 0, 800)));
            run = null;
            pullRequestAt = null;
            return now.plus(Dice.between(random, Duration.ofMinutes(10), Duration.ofMinutes(60)));
        }
        Initiator initiator = Initiator.AGENT;
        if (run == null) {
            run = Calls.open(ids, user, Role.RUNNER, "claude-code", Model.CLAUDE_SONNET_4_5, user.repo(), null, now,
                    emit);
            steps = new AgentSteps(traces.agentRuns(), run.model(), 15 + random.nextDouble() * 35, random);
            runEnds = now.plus(Dice.between(random, MIN_RUN, MAX_RUN));
            initiator = Initiator.HUMAN;
        } else if (subagent == null && Dice.chance(random, SUBAGENT_CHANCE)) {
            subagent = Calls.subagent(ids, user, Role.RUNNER, run, now, emit);
            subagentStepsLeft = (int) Dice.between(random, 5, 30);
        }
        emit.accept(Calls.usage(ids, user, subagent != null ? subagent : run, now, initiator, steps.next(),
                Dice.hex(random, 16)));
        if (subagent != null && --subagentStepsLeft == 0) {
            subagent = null;
        }
        Instant nextCall = now.plus(steps.gap());
        if (subagent == null && !nextCall.isBefore(runEnds)) {
            // That was the run's last call: the agent stops, and its pull request comes a few minutes later.
            pullRequestAt = now.plus(Dice.between(random, MIN_PR_AFTER_LAST_CALL, MAX_PR_AFTER_LAST_CALL));
            return pullRequestAt;
        }
        return nextCall;
    }
}
