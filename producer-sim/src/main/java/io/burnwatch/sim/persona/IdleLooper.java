package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An idle looper, an agent stuck in a loop with no one watching: from the start, one step about every second in a single session, each re-reading a
 * large cached context with one of a handful of prompts, and nothing ever comes out of it. Its first call is at
 * start + 1 s and calls are at most 1.2 s apart, each at least 48,100 tokens: the first 60 s of event time hold at
 * least 50 calls, so at least 2,405,000 tokens.
 */
public final class IdleLooper implements Persona {

    private static final int PROMPTS = 3;

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private Session session;
    private final List<String> promptHashes;
    private final Instant firstCall;

    public IdleLooper(User user, SplittableRandom random, Ids ids, Instant start) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.promptHashes = Stream.generate(() -> Dice.hex(random, 16)).limit(PROMPTS).toList();
        this.firstCall = start.plusSeconds(1);
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
        if (session == null) {
            session = Calls.open(ids, user, Role.IDLE_LOOPER, "claude-code", Model.CLAUDE_SONNET_4_5, user.repo(),
                    null, now, emit);
        }
        Tokens tokens = new Tokens(
                Dice.between(random, 3_000, 6_000),
                Dice.between(random, 100, 400),
                Dice.between(random, 45_000, 52_000),
                Dice.between(random, 0, 1_000));
        emit.accept(Calls.usage(ids, user, session, now, Initiator.AGENT, tokens, Dice.pick(random, promptHashes)));
        return now.plus(Dice.between(random, Duration.ofMillis(800), Duration.ofMillis(1_200)));
    }
}
