package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Works with an agent all day: a step every few seconds in long sessions, and a commit every few minutes, the
 * last one shortly before the run begins. Steps are at least {@link #MIN_STEP_GAP} apart and each costs at most
 * {@link #MAX_STEP_TOKENS}, so ten minutes hold at most 151 x 12,000 = 1,812,000 tokens: a heavy user never
 * burns like a looper, even with no outcome at all.
 */
public final class HeavyUser implements Persona {

    static final Duration MIN_STEP_GAP = Duration.ofSeconds(4);
    static final long MAX_STEP_TOKENS = 12_000;
    private static final List<String> CLIENTS = List.of("claude-code", "cursor", "codex");

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private Instant historyCommit;
    private Session session;
    private Instant sessionEnds;
    private Instant nextStep;
    private Instant nextCommit;

    public HeavyUser(User user, SplittableRandom random, Ids ids, Instant start) {
        this.user = user;
        this.random = random;
        this.ids = ids;
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
            if (Dice.chance(random, 0.25)) {
                emit.accept(Outcomes.pullRequest(random, ids, user, session, now, added, removed));
            }
            nextCommit = now.plus(timeToCommit());
        }
        return nextStep.isBefore(nextCommit) ? nextStep : nextCommit;
    }

    private void step(Instant now, Consumer<SimEvent> emit) {
        Initiator initiator = Initiator.AGENT;
        if (session == null) {
            session = Calls.openSession(random, ids, user, CLIENTS);
            sessionEnds = now.plus(Dice.between(random, Duration.ofMinutes(15), Duration.ofMinutes(40)));
            initiator = Initiator.HUMAN;
        }
        emit.accept(Calls.usage(ids, user, session, now, initiator, step(), Dice.hex(random, 16)));
        if (now.isBefore(sessionEnds)) {
            nextStep = now.plus(Dice.between(random, MIN_STEP_GAP, Duration.ofSeconds(8)));
        } else {
            session = null;
            nextStep = now.plus(Dice.between(random, Duration.ofMinutes(1), Duration.ofMinutes(3)));
        }
    }

    /** At most 8,000 + 2,500 + 1,000 + 500 = {@link #MAX_STEP_TOKENS}. */
    private Tokens step() {
        return new Tokens(
                Dice.between(random, 500, 2_500),
                Dice.between(random, 200, 1_000),
                Dice.between(random, 4_000, 8_000),
                Dice.between(random, 0, 500));
    }

    private Duration timeToCommit() {
        return Dice.between(random, Duration.ofMinutes(2), Duration.ofMinutes(6));
    }
}
