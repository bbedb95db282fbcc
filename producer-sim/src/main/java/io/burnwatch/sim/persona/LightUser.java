package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import io.burnwatch.sim.trace.CallSizes;
import io.burnwatch.sim.trace.OnOff;
import io.burnwatch.sim.trace.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Asks a model a few questions by hand, a few turns an hour while at work (on and off as an observed client is),
 * with chat-sized prompts from the conversation trace, and commits about once a day.
 */
public final class LightUser implements Persona {

    private static final List<String> CLIENTS = List.of("cursor", "api");

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private final CallSizes chats;
    private final OnOff.Week week;
    private final Instant start;
    private Session session;
    private long turnsLeft;
    private Instant nextTurn;
    private Instant nextCommit;

    public LightUser(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.chats = traces.chats();
        this.week = traces.activity().draw(random);
        this.start = start;
        this.nextTurn = atWork(start.plus(Dice.between(random, Duration.ofSeconds(5), Duration.ofSeconds(60))));
        this.nextCommit = start.plus(Dice.between(random, Duration.ofMinutes(30), Duration.ofHours(24)));
    }

    @Override
    public User user() {
        return user;
    }

    @Override
    public Instant firstAction() {
        return earliest(nextTurn, nextCommit);
    }

    @Override
    public Instant act(Instant now, Consumer<SimEvent> emit) {
        if (!now.isBefore(nextTurn)) {
            if (turnsLeft == 0) {
                session = Calls.open(random, ids, user, Role.LIGHT, CLIENTS, now, emit);
                turnsLeft = Dice.between(random, 1, 4);
            }
            CallSizes.Size size = chats.draw(random);
            Tokens tokens = new Tokens(size.context(), size.output(), 0, 0);
            emit.accept(Calls.usage(ids, user, session, now, Initiator.HUMAN, tokens, Dice.hex(random, 16)));
            turnsLeft--;
            nextTurn = turnsLeft > 0
                    ? now.plus(Dice.between(random, Duration.ofSeconds(40), Duration.ofMinutes(4)))
                    : atWork(now.plus(Dice.between(random, Duration.ofMinutes(15), Duration.ofMinutes(60))));
        }
        if (!now.isBefore(nextCommit)) {
            emit.accept(Outcomes.commit(ids, user, session, now,
                    Dice.between(random, 2, 80), Dice.between(random, 0, 40)));
            nextCommit = now.plus(Dice.between(random, Duration.ofHours(20), Duration.ofHours(28)));
        }
        return earliest(nextTurn, nextCommit);
    }

    private Instant atWork(Instant at) {
        return start.plus(week.nextOn(Duration.between(start, at)));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
