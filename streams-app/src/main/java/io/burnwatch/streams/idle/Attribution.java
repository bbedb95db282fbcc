package io.burnwatch.streams.idle;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.state.RepoOutcome;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which outcomes count for a session, by what the outcome names:
 * <ol>
 *   <li>an outcome that names a session counts for that session's family (the session, its root and the root's
 *   subagents);</li>
 *   <li>failing that, an outcome that names a repo counts for the user's sessions in that repo — also when it
 *   names another session: the repo moved;</li>
 *   <li>failing that, where one side names no repo, an outcome that names no session counts for every session of
 *   the user, since nothing tells them apart.</li>
 * </ol>
 * An outcome naming another session and no repo, or another repo than the session's, does not count for it.
 */
final class Attribution {

    /** Repos remembered per user: the ones with the latest outcomes. */
    static final int MAX_REPOS = 8;

    private Attribution() {
    }

    static UserOutcomes fresh() {
        return UserOutcomes.newBuilder().setRepos(new ArrayList<>()).build();
    }

    /** Records what {@code outcome} names in its user's {@link UserOutcomes}. */
    static void record(UserOutcomes outcomes, OutcomeEvent outcome) {
        long ts = outcome.getTs().toEpochMilli();
        Patience.recordGap(outcomes, ts);
        if (outcome.getSessionId() == null) {
            outcomes.setSessionlessTs(latest(outcomes.getSessionlessTs(), ts));
            if (outcome.getRepo() == null) {
                outcomes.setUnscopedTs(latest(outcomes.getUnscopedTs(), ts));
            }
        }
        if (outcome.getRepo() != null) {
            List<RepoOutcome> repos = new ArrayList<>(outcomes.getRepos());
            outcomes.setRepos(repos);
            RepoOutcome known = repos.stream().filter(r -> r.getRepo().equals(outcome.getRepo())).findFirst().orElse(null);
            if (known != null) {
                known.setTs(Math.max(known.getTs(), ts));
            } else {
                repos.add(new RepoOutcome(outcome.getRepo(), ts));
                if (repos.size() > MAX_REPOS) {
                    repos.remove(repos.stream().min(Comparator.comparingLong(RepoOutcome::getTs)).orElseThrow());
                }
            }
        }
    }

    /** Records an outcome that named {@code session} or a session of its family. */
    static void recordForFamily(SessionBurn session, OutcomeEvent outcome) {
        session.setFamilyOutcomeTs(latest(session.getFamilyOutcomeTs(), outcome.getTs().toEpochMilli()));
    }

    /**
     * Whether {@code outcome} counts for {@code session}; {@code namedRoot} is the root of the session the outcome
     * names (itself if it has none), or null if it names none.
     */
    static boolean countsFor(SessionBurn session, OutcomeEvent outcome, String namedRoot) {
        String id = session.getSessionId();
        if (outcome.getSessionId() != null && (id.equals(outcome.getSessionId()) || id.equals(namedRoot))) {
            return true;
        }
        if (outcome.getRepo() != null && outcome.getRepo().equals(session.getRepo())) {
            return true;
        }
        return outcome.getSessionId() == null && (outcome.getRepo() == null || session.getRepo() == null);
    }

    /**
     * The session's evidence starts again at {@code outcome}, which counts for it, unless it started later; the
     * outcome's lines count toward the substance of the session's outcomes.
     */
    static void restartEvidence(SessionBurn session, OutcomeEvent outcome) {
        session.setOutcomes(session.getOutcomes() + 1);
        session.setLinesChanged(session.getLinesChanged()
                + Math.max(0, outcome.getLinesAdded()) + Math.max(0, outcome.getLinesRemoved()));
        long ts = outcome.getTs().toEpochMilli();
        if (ts > session.getSinceTs()) {
            session.setSinceTs(ts);
            session.setSinceCostUsd(0);
            session.setSinceCostedCalls(0);
            session.setSinceTokens(0);
            session.setSinceCalls(0);
        }
    }

    /** The latest outcome that counts for {@code session}, or null. */
    static Long latestFor(SessionBurn session, UserOutcomes outcomes) {
        Long latest = session.getFamilyOutcomeTs();
        if (outcomes == null) {
            return latest;
        }
        latest = latest(latest, outcomes.getUnscopedTs());
        if (session.getRepo() == null) {
            return latest(latest, outcomes.getSessionlessTs());
        }
        for (RepoOutcome repo : outcomes.getRepos()) {
            if (repo.getRepo().equals(session.getRepo())) {
                latest = latest(latest, repo.getTs());
            }
        }
        return latest;
    }

    /**
     * Forgets outcomes older than {@code retentionMs} before {@code nowMs}, which can no longer resolve an alert;
     * returns whether nothing is left to keep: no such outcome, and no baseline, which is kept until
     * {@code baselineRetentionMs} after the user's last outcome.
     */
    static boolean expired(UserOutcomes outcomes, long nowMs, long retentionMs, long baselineRetentionMs) {
        long horizon = nowMs - retentionMs;
        List<RepoOutcome> repos = new ArrayList<>(outcomes.getRepos());
        repos.removeIf(repo -> repo.getTs() < horizon);
        outcomes.setRepos(repos);
        if (outcomes.getUnscopedTs() != null && outcomes.getUnscopedTs() < horizon) {
            outcomes.setUnscopedTs(null);
        }
        if (outcomes.getSessionlessTs() != null && outcomes.getSessionlessTs() < horizon) {
            outcomes.setSessionlessTs(null);
        }
        boolean baselineKept = outcomes.getLastTs() != null && outcomes.getLastTs() >= nowMs - baselineRetentionMs;
        return outcomes.getRepos().isEmpty() && outcomes.getUnscopedTs() == null && outcomes.getSessionlessTs() == null
                && !baselineKept;
    }

    private static Long latest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
