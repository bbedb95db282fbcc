package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Builds the usage events of model calls and the sessions they belong to. */
final class Calls {

    private Calls() {
    }

    /**
     * Opens a session and emits its ground truth: who plays it and whether it should alert. Sessions that should
     * (or may) alert get their detectable_from from the events that follow, see {@code io.burnwatch.sim.truth}.
     */
    static Session open(Ids ids, User user, Role role, String client, Model model, String repo, Session parent,
                        Instant ts, Consumer<SimEvent> emit) {
        Session session = new Session(ids.sessionId(), parent == null ? null : parent.sessionId(), client, model, repo);
        emit.accept(new SimEvent.Truth(SessionTruth.newBuilder()
                .setSessionId(session.sessionId())
                .setUserId(user.userId())
                .setTeamId(user.teamId())
                .setParentSessionId(session.parentSessionId())
                .setPersona(role.personaName())
                .setLabel(role.label())
                .setStartedAt(ts)
                .setDetectableFrom(null)
                .build()));
        return session;
    }

    /** A session in one of {@code clients}, with a model that client offers, in the user's repository. */
    static Session open(SplittableRandom random, Ids ids, User user, Role role, List<String> clients, Instant ts,
                        Consumer<SimEvent> emit) {
        String client = Dice.pick(random, clients);
        Model model = switch (client) {
            case "claude-code" -> Model.CLAUDE_SONNET_4_5;
            case "codex" -> Model.GPT_5;
            default -> Dice.pick(random, List.of(Model.values()));
        };
        return open(ids, user, role, client, model, user.repo(), null, ts, emit);
    }

    /** A subagent of {@code parent}: its calls are a session of their own. */
    static Session subagent(Ids ids, User user, Role role, Session parent, Instant ts, Consumer<SimEvent> emit) {
        return open(ids, user, role, parent.client(), parent.model(), parent.repo(), parent, ts, emit);
    }

    static SimEvent usage(Ids ids, User user, Session session, Instant ts, Initiator initiator, Tokens tokens,
                          String promptHash) {
        return new SimEvent.Usage(UsageEvent.newBuilder()
                .setEventId(ids.eventId())
                .setTs(ts)
                .setUserId(user.userId())
                .setTeamId(user.teamId())
                .setSessionId(session.sessionId())
                .setParentSessionId(session.parentSessionId())
                .setClient(session.client())
                .setInitiator(initiator)
                .setModel(session.model().modelName())
                .setInputTokens(tokens.input())
                .setOutputTokens(tokens.output())
                .setCacheReadTokens(tokens.cacheRead())
                .setCacheWriteTokens(tokens.cacheWrite())
                .setCostUsd(session.model().costUsd(tokens))
                .setPromptHash(promptHash)
                .setRepo(session.repo())
                .build());
    }
}
