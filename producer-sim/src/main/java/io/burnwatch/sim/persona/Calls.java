package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the usage events of model calls and the sessions they belong to. */
final class Calls {

    private Calls() {
    }

    static Session openSession(Ids ids, User user, String client, Model model) {
        return new Session(ids.sessionId(), client, model, user.repo());
    }

    /** A session in one of {@code clients}, with a model that client offers. */
    static Session openSession(SplittableRandom random, Ids ids, User user, List<String> clients) {
        String client = Dice.pick(random, clients);
        Model model = switch (client) {
            case "claude-code" -> Model.CLAUDE_SONNET_4_5;
            case "codex" -> Model.GPT_5;
            default -> Dice.pick(random, List.of(Model.values()));
        };
        return openSession(ids, user, client, model);
    }

    static SimEvent usage(Ids ids, User user, Session session, Instant ts, Initiator initiator, Tokens tokens,
                          String promptHash) {
        return new SimEvent.Usage(UsageEvent.newBuilder()
                .setEventId(ids.eventId())
                .setTs(ts)
                .setUserId(user.userId())
                .setTeamId(user.teamId())
                .setSessionId(session.sessionId())
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
