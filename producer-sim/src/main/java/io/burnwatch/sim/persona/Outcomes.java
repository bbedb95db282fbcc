package io.burnwatch.sim.persona;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import java.time.Instant;
import java.util.SplittableRandom;

/** Builds outcome events: what a user's work produced. */
final class Outcomes {

    /**
     * What an outcome names besides its user: the session that produced it, only the repository (the usual case
     * for a commit seen by a git hook), or nothing at all (a webhook that knows the author alone).
     */
    enum Attribution { SESSION, REPO, USER }

    /** The shares of {@link #attribution}: sessions, then repositories, the rest the user alone. */
    static final double SESSION_SHARE = 0.4;
    static final double REPO_SHARE = 0.35;

    private Outcomes() {
    }

    /** An attribution drawn per outcome: the session 40%, the repository 35%, the user alone 25% of the time. */
    static Attribution attribution(SplittableRandom random) {
        double draw = random.nextDouble();
        return draw < SESSION_SHARE ? Attribution.SESSION
                : draw < SESSION_SHARE + REPO_SHARE ? Attribution.REPO : Attribution.USER;
    }

    /** A commit naming {@code session} (or, with no session, the user's repository). */
    static SimEvent commit(Ids ids, User user, Session session, Instant ts, long added, long removed) {
        return commit(ids, user, session, Attribution.SESSION, ts, added, removed);
    }

    /** A commit of the work in {@code session}, naming what {@code attribution} says. */
    static SimEvent commit(Ids ids, User user, Session session, Attribution attribution, Instant ts, long added,
                           long removed) {
        return outcome(ids, user, session, attribution, ts, OutcomeKind.COMMIT, added, removed, ids.commitSha());
    }

    static SimEvent pullRequest(SplittableRandom random, Ids ids, User user, Session session, Instant ts, long added,
                                long removed) {
        return pullRequest(random, ids, user, session, Attribution.SESSION, ts, added, removed);
    }

    static SimEvent pullRequest(SplittableRandom random, Ids ids, User user, Session session, Attribution attribution,
                                Instant ts, long added, long removed) {
        return outcome(ids, user, session, attribution, ts, OutcomeKind.PR_OPENED, added, removed,
                "#" + Dice.between(random, 100, 9999));
    }

    private static SimEvent outcome(Ids ids, User user, Session session, Attribution attribution, Instant ts,
                                    OutcomeKind kind, long added, long removed, String ref) {
        String repo = switch (attribution) {
            case SESSION, REPO -> session == null ? user.repo() : session.repo();
            case USER -> null;
        };
        return new SimEvent.Outcome(OutcomeEvent.newBuilder()
                .setEventId(ids.eventId())
                .setTs(ts)
                .setUserId(user.userId())
                .setSessionId(session == null || attribution != Attribution.SESSION ? null : session.sessionId())
                .setRepo(repo)
                .setKind(kind)
                .setLinesAdded(added)
                .setLinesRemoved(removed)
                .setRef(ref)
                .build());
    }
}
