package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import io.burnwatch.sim.trace.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Works with an agent all day, at $20–80 an hour: long sessions replaying observed agent trajectories, a human
 * turn to start each task, now and then a subagent, and a commit every 15–50 minutes (sometimes with a pull
 * request), the first shortly before the run begins. A heavy user burns a lot, but never for an hour without an
 * outcome.
 */
public final class HeavyUser implements Persona {

    static final Duration MIN_COMMIT_GAP = Duration.ofMinutes(15);
    static final Duration MAX_COMMIT_GAP = Duration.ofMinutes(50);
    private static final List<String> CLIENTS = List.of("claude-code", "cursor", "codex");
    private static final double SUBAGENT_CHANCE = 0.03;

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private final Traces traces;
    private final double usdPerHour;
    private Instant historyCommit;
    private Session session;
    private AgentSteps steps;
    private Session subagent;
    private int subagentStepsLeft;
    private boolean taskStarts;
    private Instant sessionEnds;
    private Instant nextStep;
    private Instant nextCommit;

    public HeavyUser(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.traces = traces;
        this.usdPerHour = 20 + random.nextDouble() * 60;
        this.historyCommit = start.minus(Dice.between(random, Duration.ofMinutes(1), Duration.ofMinutes(8)));
        this.nextStep = start.plus(Dice.between(random, Duration.ofSeconds(2), Duration.ofSeconds(10)));
        this.nextCommit = start.plus(timeToCommit());
    }

    @Override
    public User user() {
        return user;
    }

    @Override
    public Instant firstAction() {
        return historyCommit;
    }

    @Override
    public Instant act(Instant now, Consumer<SimEvent> emit) {
        if (historyCommit != null) {
            emit.accept(Outcomes.commit(ids, user, null, historyCommit,
                    Dice.between(random, 10, 200), Dice.between(random, 0, 80)));
            historyCommit = null;
        }
        if (!now.isBefore(nextStep)) {
            step(now, emit);
        }
        if (!now.isBefore(nextCommit)) {
            long added = Dice.between(random, 10, 300);
            long removed = Dice.between(random, 0, 120);
            emit.accept(Outcomes.commit(ids, user, session, now, added, removed));
            if (Dice.chance(random, 0.3)) {
                emit.accept(Outcomes.pullRequest(random, ids, user, session, now, added, removed));
            }
            nextCommit = now.plus(timeToCommit());
        }
        return nextStep.isBefore(nextCommit) ? nextStep : nextCommit;
    }

    private void step(Instant now, Consumer<SimEvent> emit) {
        if (session == null) {
            session = Calls.open(random, ids, user, Role.HEAVY, CLIENTS, now, emit);
            steps = new AgentSteps(traces.agentRuns(), session.model(), usdPerHour, random);
            sessionEnds = now.plus(Dice.between(random, Duration.ofMinutes(30), Duration.ofMinutes(120)));
            taskStarts = true;
        }
        if (subagent == null && !taskStarts && Dice.chance(random, SUBAGENT_CHANCE)) {
            subagent = Calls.subagent(ids, user, Role.HEAVY, session, now, emit);
            subagentStepsLeft = (int) Dice.between(random, 3, 15);
        }
        Session caller = subagent != null ? subagent : session;
        Initiator initiator = taskStarts ? Initiator.HUMAN : Initiator.AGENT;
        emit.accept(Calls.usage(ids, user, caller, now, initiator, steps.next(), Dice.hex(random, 16)));
        taskStarts = subagent == null && steps.taskDone();
        if (subagent != null && --subagentStepsLeft == 0) {
            subagent = null;
        }
        if (now.isBefore(sessionEnds) || subagent != null) {
            nextStep = now.plus(steps.gap());
        } else {
            session = null;
            nextStep = now.plus(Dice.between(random, Duration.ofMinutes(2), Duration.ofMinutes(10)));
        }
    }

    private Duration timeToCommit() {
        return Dice.between(random, MIN_COMMIT_GAP, MAX_COMMIT_GAP);
    }
}
