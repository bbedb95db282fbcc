package io.burnwatch.sim.persona;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import java.time.Instant;
import java.util.SplittableRandom;

/** Builds outcome events: what a user's work produced. */
final class Outcomes {

    private Outcomes() {
    }

    static SimEvent commit(Ids ids, User user, Session session, Instant ts, long added, long removed) {
        return outcome(ids, user, session, ts, OutcomeKind.COMMIT, added, removed, ids.commitSha());
    }

    static SimEvent pullRequest(SplittableRandom random, Ids ids, User user, Session session, Instant ts, long added,
                                long removed) {
        return outcome(ids, user, session, ts, OutcomeKind.PR_OPENED, added, removed,
                "#" + Dice.between(random, 100, 9999));
    }

    private static SimEvent outcome(Ids ids, User user, Session session, Instant ts,
                                    OutcomeKind kind, long added, long removed, String ref) {
        return new SimEvent.Outcome(OutcomeEvent.newBuilder()
                .setEventId(ids.eventId())
                .setTs(ts)
                .setUserId(user.userId())
                .setSessionId(session == null ? null : session.sessionId())
                .setRepo(user.repo())
                .setKind(kind)
                .setLinesAdded(added)
                .setLinesRemoved(removed)
                .setRef(ref)
                .build());
    }
}
