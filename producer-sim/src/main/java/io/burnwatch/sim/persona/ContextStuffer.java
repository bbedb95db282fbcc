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
 * Pastes whole codebases into a chat: contexts of {@value #MIN_CONTEXT}–{@value #MAX_CONTEXT} tokens across many
 * repositories, few output tokens (as observed in long-context requests), a turn every 45 s to 3 min while
 * at work. About half the turns are the person's own (HUMAN), the others an agent's (AGENT) re-sending the same huge
 * context. Commits every 40–90 minutes, each naming the session, only the repository, or the user alone. Half an
 * hour of this easily holds more than 2M tokens, with no outcome in it: a burn that is work, not a loop.
 */
public final class ContextStuffer implements Persona {

    static final Duration MIN_GAP = Duration.ofSeconds(45);
    static final long MAX_OUTPUT = 300;
    static final long MIN_CONTEXT = 150_000;
    static final long MAX_CONTEXT = 600_000;
    static final double HUMAN_SHARE = 0.5;
    static final Duration MIN_COMMIT_GAP = Duration.ofMinutes(40);
    static final Duration MAX_COMMIT_GAP = Duration.ofMinutes(90);
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
            Tokens tokens = new Tokens(Dice.between(random, MIN_CONTEXT, MAX_CONTEXT), Math.min(size.output(), Dice.between(random, 20, MAX_OUTPUT)),
                    0, 0);
            Initiator initiator = Dice.chance(random, HUMAN_SHARE) ? Initiator.HUMAN : Initiator.AGENT;
            emit.accept(Calls.usage(ids, user, session, now, initiator, tokens, Dice.hex(random, 16)));
            turnsLeft--;
            nextTurn = turnsLeft > 0
                    ? now.plus(Dice.between(random, MIN_GAP, Duration.ofMinutes(3)))
                    : atWork(now.plus(Dice.between(random, Duration.ofMinutes(10), Duration.ofMinutes(40))));
        }
        if (!now.isBefore(nextCommit)) {
            emit.accept(Outcomes.commit(ids, user, session, Outcomes.attribution(random), now,
                    Dice.between(random, 5, 150), Dice.between(random, 0, 60)));
            nextCommit = now.plus(timeToCommit());
        }
        return nextTurn.isBefore(nextCommit) ? nextTurn : nextCommit;
    }

    private Instant atWork(Instant at) {
        return start.plus(week.nextOn(Duration.between(start, at)));
    }

    private Duration timeToCommit() {
        return Dice.between(random, MIN_COMMIT_GAP, MAX_COMMIT_GAP);
    }
}
