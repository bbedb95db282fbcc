package io.burnwatch.streams.connect.webhook;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.streams.connect.identity.Identity;
import io.burnwatch.streams.ingest.InvalidRecordException;
import java.time.Instant;
import java.util.List;

/**
 * One outcome a delivery names, before its author is looked up in the identity map: the author's identities in the
 * order they are tried, and the user id burnwatch counts an unmapped author as (the email, else
 * {@code github:<login>} or {@code gitlab:<username>}). Or, for a commit or pull request the delivery names but
 * that cannot be mapped, the {@link #problem}.
 */
record WebhookOutcome(String eventId, Instant ts, String sessionId, String repo, OutcomeKind kind, long linesAdded,
                      long linesRemoved, String ref, List<Identity> candidates, boolean agent,
                      InvalidRecordException problem) {

    WebhookOutcome {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    static WebhookOutcome failed(InvalidRecordException problem) {
        return new WebhookOutcome(null, null, null, null, null, 0, 0, null, List.of(), false, problem);
    }

    /** The identity an unmapped author is counted as: the first email among the candidates, else the first one. */
    Identity fallback() {
        return candidates.stream().filter(identity -> identity.kind() == Identity.Kind.EMAIL).findFirst()
                .orElse(candidates.get(0));
    }

    /** The user id of an unmapped author: an email as it is, another identity by its key ({@code github:octocat}). */
    static String userIdOf(Identity identity) {
        return identity.kind() == Identity.Kind.EMAIL ? identity.value() : identity.key();
    }

    OutcomeEvent toEvent(String userId) {
        return OutcomeEvent.newBuilder()
                .setEventId(eventId)
                .setTs(ts)
                .setUserId(userId)
                .setSessionId(sessionId)
                .setRepo(repo)
                .setKind(kind)
                .setLinesAdded(linesAdded)
                .setLinesRemoved(linesRemoved)
                .setRef(ref)
                .build();
    }
}
