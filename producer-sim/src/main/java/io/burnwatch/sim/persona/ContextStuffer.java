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
import java.util.stream.IntStream;

/**
 * Pastes whole codebases into a chat: huge inputs (observed long-context requests) across many repositories, few
 * output tokens, a question every 45 s to 3 min while at work, and commits every 20–90 minutes. Calls are at
 * least {@link #MIN_GAP} apart, so even the longest context keeps ten minutes below the burn threshold.
 */
public final class ContextStuffer implements Persona {

    static final Duration MIN_GAP = Duration.ofSeconds(45);
    static final long MAX_OUTPUT = 300;
    private static final int REPOS = 8;

    private final User user;
    private final SplittableRandom random;
    private final Ids ids;
    private final CallSizes longContexts;
    private final OnOff.Week week;
    private final Instant start;
    private final List<String> repos;
    private Session session;
    private long turnsLeft;
    private Instant nextTurn;
    private Instant nextCommit;

    public ContextStuffer(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
        this.user = user;
        this.random = random;
        this.ids = ids;
        this.longContexts = traces.longContexts();
        this.week = traces.activity().draw(random);
        this.start = start;
        String org = user.repo().substring(0, user.repo().indexOf('/') + 1);
        this.repos = IntStream.range(0, REPOS).mapToObj(i -> org + "repo-" + Dice.hex(random, 6))
                .toList();
        this.nextTurn = atWork(start.plus(Dice.between(random, Duration.ofSeconds(5), Duration.ofMinutes(2))));
        this.nextCommit = start.plus(timeToCommit());
    }

    @Override
    public User user() {
        return user;
    }

    @Override
    public Instant firstAction() {
        return nextTurn.isBefore(nextCommit) ? nextTurn : nextCommit;
    }

    @Override
    public Instant act(Instant now, Consumer<SimEvent> emit) {
        if (!now.isBefore(nextTurn)) {
            if (turnsLeft == 0) {
                String client = Dice.pick(random, List.of("cursor", "api"));
                Model model = client.equals("cursor") ? Model.CLAUDE_SONNET_4_5 : Model.GEMINI_2_5_PRO;
                session = Calls.open(ids, user, Role.STUFFER, client, model, Dice.pick(random, repos), null, now, emit);
                turnsLeft = Dice.between(random, 2, 12);
            }
            CallSizes.Size size = longContexts.draw(random);
            Tokens tokens = new Tokens(size.context(), Math.min(size.output(), Dice.between(random, 20, MAX_OUTPUT)),
                    0, 0);
            emit.accept(Calls.usage(ids, user, session, now, Initiator.HUMAN, tokens, Dice.hex(random, 16)));
            turnsLeft--;
            nextTurn = turnsLeft > 0
                    ? now.plus(Dice.between(random, MIN_GAP, Duration.ofMinutes(3)))
                    : atWork(now.plus(Dice.between(random, Duration.ofMinutes(10), Duration.ofMinutes(40))));
        }
        if (!now.isBefore(nextCommit)) {
            emit.accept(Outcomes.commit(ids, user, session, now, Dice.between(random, 5, 150),
                    Dice.between(random, 0, 60)));
            nextCommit = now.plus(timeToCommit());
        }
        return nextTurn.isBefore(nextCommit) ? nextTurn : nextCommit;
    }

    private Instant atWork(Instant at) {
        return start.plus(week.nextOn(Duration.between(start, at)));
    }

    private Duration timeToCommit() {
        return Dice.between(random, Duration.ofMinutes(20), Duration.ofMinutes(90));
    }
}
