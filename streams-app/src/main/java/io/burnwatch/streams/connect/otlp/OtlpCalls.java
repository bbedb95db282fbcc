package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;

/**
 * The parts of a call every agent's events share: time, person, team, repo and session. The team and repo come
 * from the attributes {@code team.id} and {@code repo}, on the record or, as usually, on its resource
 * ({@code OTEL_RESOURCE_ATTRIBUTES=team.id=payments,repo=acme/api}).
 */
final class OtlpCalls {

    /**
     * The model of a person's turn ({@code user_prompt}): the prompt event names no model. Such a call has no
     * tokens and no cost; it tells the idle-loop detector that a person took a turn in the session.
     */
    static final String USER_PROMPT_MODEL = "user-prompt";

    static final String[] TEAM = {"team.id", "team_id"};
    static final String[] REPO = {"repo", "vcs.repository.name"};

    private OtlpCalls() {
    }

    /** A call of {@code log} without model, tokens or id; an unknown user or session is left empty. */
    static UsageEvent.Builder call(String client, OtlpLogRecord log, OtlpPeople people, String session,
                                   Initiator initiator) {
        return UsageEvent.newBuilder()
                .setTs(log.time())
                .setUserId(people.userOf(log).orElse(""))
                .setTeamId(log.text(TEAM).orElse(null))
                .setSessionId(session)
                .setClient(client)
                .setInitiator(initiator)
                .setModel("")
                .setInputTokens(0).setOutputTokens(0).setCacheReadTokens(0).setCacheWriteTokens(0)
                .setRepo(log.text(REPO).orElse(null));
    }

    /**
     * A person's turn in {@code session}: a HUMAN call of no tokens. The idle-loop detector counts agent calls
     * since the last HUMAN call of a session as unattended; without these turns every agent session would look
     * unattended.
     */
    static Mapped humanTurn(String client, OtlpLogRecord log, OtlpPeople people, String session) {
        return new Mapped.Usage(call(client, log, people, session, Initiator.HUMAN)
                .setModel(USER_PROMPT_MODEL)
                .setEventId(OtlpEventIds.hashed(client, log, session))
                .build());
    }

    /** {@code total} less {@code part}, never below 0: for token counts that include another count. */
    static long less(long total, long part) {
        return Math.max(0, total - part);
    }
}
