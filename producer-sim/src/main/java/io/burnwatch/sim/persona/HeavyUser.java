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
 * turn to start each task, now and then a subagent. The run starts cold: no outcome before the first call. Each
 * session's first commit comes 15–50 minutes after it starts, later ones every 15–50 minutes (sometimes with a pull
 * request); a session ends with the first commit after its planned 30–120 minutes, then a short break. Each outcome
 * names the session, only the repository, or the user alone (see {@link Outcomes#attribution}). A heavy user burns a
 * lot, and long before its first commit, but never for an hour without an outcome.
 */
public final class HeavyUser implements Persona {

    static final Duration MIN_COMMIT_GAP = Duration.ofMinutes(15);
    static final Duration MAX_COMMIT_GAP = Duration.ofMinutes(50);
    static final Duration MIN_BREAK = Duration.ofMinutes(2);
    static final Duration MAX_BREAK = Duration.ofMinutes(10);
    private static final List<String> CLIENTS = List.of("claude-code", "cursor", "codex");
    private static final double SUBAGENT_CHANCE = 0.03;
    private static final double PULL_REQUEST_CHANCE = 0.3;

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private final Traces traces;
    private final double usdPerHour;
    private Session session;
    private AgentSteps steps;
    private Session subagent;
    private int subagentStepsLeft;
    private boolean taskStarts;
    private Instant sessionEnds;
    private Instant nextStep;
    /** The session's next commit; null between sessions. */
    private Instant nextCommit;

    public HeavyUser(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.traces = traces;
        this.usdPerHour = 20 + random.nextDouble() * 60;
        this.nextStep = start.plus(Dice.between(random, Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    @Override
    public User user() {
        return user;
    }

    @Override
    public Instant firstAction() {
        return nextStep;
    }

    @Override
    public Instant act(Instant now, Consumer<SimEvent> emit) {
        if (nextCommit != null && !now.isBefore(nextCommit)) {
            commit(now, emit);
        }
        if (!now.isBefore(nextStep)) {
            step(now, emit);
        }
        return nextCommit != null && nextCommit.isBefore(nextStep) ? nextCommit : nextStep;
    }

    private void commit(Instant now, Consumer<SimEvent> emit) {
        long added = Dice.between(random, 10, 300);
        long removed = Dice.between(random, 0, 120);
        emit.accept(Outcomes.commit(ids, user, session, Outcomes.attribution(random), now, added, removed));
        if (Dice.chance(random, PULL_REQUEST_CHANCE)) {
            emit.accept(Outcomes.pullRequest(random, ids, user, session, Outcomes.attribution(random), now, added,
                    removed));
        }
        if (now.isBefore(sessionEnds)) {
            nextCommit = now.plus(timeToCommit());
        } else {
            // The work is committed: the session ends here, and the next one starts after a break.
            session = null;
            subagent = null;
            nextCommit = null;
            nextStep = now.plus(Dice.between(random, MIN_BREAK, MAX_BREAK));
        }
    }

    private void step(Instant now, Consumer<SimEvent> emit) {
        if (session == null) {
            session = Calls.open(random, ids, user, Role.HEAVY, CLIENTS, now, emit);
            steps = new AgentSteps(traces.agentRuns(), session.model(), usdPerHour, random);
            sessionEnds = now.plus(Dice.between(random, Duration.ofMinutes(30), Duration.ofMinutes(120)));
            nextCommit = now.plus(timeToCommit());
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
        nextStep = now.plus(steps.gap());
    }

    private Duration timeToCommit() {
        return Dice.between(random, MIN_COMMIT_GAP, MAX_COMMIT_GAP);
    }
}
