package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import io.burnwatch.sim.trace.CallSizes;
import io.burnwatch.sim.trace.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A loop that hides its rhythm: agent calls at random gaps (1–20 s) with a new prompt each time, on a large cached
 * context grown from observed code-completion contexts, in one session with no human turn and no outcome ever.
 * Fingerprints and cadence look organic; only the burn without outcome gives it away.
 */
public final class JitteredLooper implements Persona {

    static final Duration MIN_GAP = Duration.ofSeconds(1);
    static final Duration MAX_GAP = Duration.ofSeconds(20);
    /** The agent's standing context (system prompt, tools, files read) re-read from cache on every call. */
    private static final long MIN_STANDING_CONTEXT = 20_000;
    private static final long MAX_STANDING_CONTEXT = 60_000;

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private final CallSizes completions;
    private final long standingContext;
    private final Instant firstCall;
    private Session session;

    public JitteredLooper(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.completions = traces.completions();
        this.standingContext = Dice.between(random, MIN_STANDING_CONTEXT, MAX_STANDING_CONTEXT);
        this.firstCall = start.plus(Dice.between(random, Duration.ofSeconds(1), Duration.ofSeconds(30)));
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
            session = Calls.open(random, ids, user, Role.JITTERED_LOOPER, List.of("claude-code", "codex"),
                    now, emit);
        }
        CallSizes.Size size = completions.draw(random);
        Tokens tokens = new Tokens(size.context(), size.output(), standingContext + Dice.between(random, 0, 5_000), 0);
        emit.accept(Calls.usage(ids, user, session, now, Initiator.AGENT, tokens, Dice.hex(random, 16)));
        return now.plus(Dice.between(random, MIN_GAP, MAX_GAP));
    }
}
