package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Asks a model a few questions by hand now and then, with small prompts, and commits every so often. */
public final class LightUser implements Persona {

    private static final List<String> CLIENTS = List.of("cursor", "api");

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private Session session;
    private long turnsLeft;
    private Instant nextTurn;
    private Instant nextCommit;

    public LightUser(User user, SplittableRandom random, Ids ids, Instant start) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.nextTurn = start.plus(Dice.between(random, Duration.ofSeconds(5), Duration.ofSeconds(60)));
        this.nextCommit = start.plus(timeToCommit());
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
                session = Calls.openSession(random, ids, user, CLIENTS);
                turnsLeft = Dice.between(random, 3, 10);
            }
            emit.accept(Calls.usage(ids, user, session, now, Initiator.HUMAN, turn(), Dice.hex(random, 16)));
            turnsLeft--;
            nextTurn = now.plus(turnsLeft > 0
                    ? Dice.between(random, Duration.ofSeconds(40), Duration.ofSeconds(150))
                    : Dice.between(random, Duration.ofMinutes(5), Duration.ofMinutes(20)));
        }
        if (!now.isBefore(nextCommit)) {
            emit.accept(Outcomes.commit(ids, user, session, now,
                    Dice.between(random, 2, 80), Dice.between(random, 0, 40)));
            nextCommit = now.plus(timeToCommit());
        }
        return earliest(nextTurn, nextCommit);
    }

    private Tokens turn() {
        return new Tokens(
                Dice.between(random, 300, 2_500),
                Dice.between(random, 150, 1_200),
                Dice.between(random, 0, 3_000),
                Dice.between(random, 0, 800));
    }

    private Duration timeToCommit() {
        return Dice.between(random, Duration.ofMinutes(10), Duration.ofMinutes(40));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
