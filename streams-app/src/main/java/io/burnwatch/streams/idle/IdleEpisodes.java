package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.state.Episode;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.util.Optional;

/**
 * The lifecycle of an idle-loop episode on a root session: a burn with no attributable outcome becomes pending;
 * still so after the confirmation delay, it OPENs; while it goes on, an UPDATE at most every update interval; an
 * attributable outcome resolves it (OUTCOME), and so does no agent call for the quiet period (QUIET). Each method
 * changes {@code session} in place and returns the alert state to send, if any.
 */
final class IdleEpisodes {

    private final IdleRule rule;

    IdleEpisodes(IdleRule rule) {
        this.rule = rule;
    }

    /** After {@code call} (the session's own or a subagent's) was added to {@code session}. */
    Optional<Alert> afterCall(SessionBurn session, UsageEvent call, Double costUsd, UserOutcomes outcomes) {
        long now = session.getLastCallTs();
        Episode episode = session.getEpisode();
        if (episode == null) {
            return evaluate(session, outcomes, now);
        }
        if (call.getInitiator() == Initiator.AGENT) {
            addTo(episode, call, costUsd);
        }
        WindowBurn window = WindowBurn.of(session.getMinutes(), now, rule.windowMinutes());
        if (!rule.burning(window, rule.attended(session.getLastHumanTs(), now))
                || now - episode.getLastStateTs() < rule.updateInterval().toMillis()) {
            return Optional.empty();
        }
        episode.setLastStateTs(now);
        Alert update = IdleAlerts.state(session, episode, AlertStatus.UPDATE, null, now,
                Attribution.latestFor(session, outcomes), outcomes, rule);
        update.setMessage(IdleMessages.updated(update, LoopEvidence.of(session.getLoop())));
        return Optional.of(update);
    }

    /**
     * After {@code outcome}, already recorded in {@code outcomes} and, where it {@code counts} for the session, in
     * the session's evidence.
     */
    Optional<Alert> afterOutcome(SessionBurn session, UserOutcomes outcomes, OutcomeEvent outcome, boolean counts) {
        Long latest = Attribution.latestFor(session, outcomes);
        Episode episode = session.getEpisode();
        if (episode == null || !counts) {
            // A pending burn is not called off: its evidence now starts at the outcome (see BurnEvidence).
            return Optional.empty();
        }
        // Also an outcome from before the alert opened, if it is newer than the evidence the alert opened on: a
        // late commit retracts it.
        long ts = outcome.getTs().toEpochMilli();
        if (ts <= episode.getSinceTs() || !rule.recentOutcome(ts, episode.getOpenedAt())) {
            return Optional.empty();
        }
        long at = Math.max(outcome.getTs().toEpochMilli(), episode.getLastStateTs());
        Alert resolved = IdleAlerts.state(session, episode, AlertStatus.RESOLVED, Resolution.OUTCOME, at, latest,
                outcomes, rule);
        resolved.setMessage(IdleMessages.resolvedByOutcome(resolved, outcome));
        session.setEpisode(null);
        session.setPendingSince(null);
        return Optional.of(resolved);
    }

    /** As stream time passes: a pending burn may open, an open one may go quiet. */
    Optional<Alert> atStreamTime(SessionBurn session, UserOutcomes outcomes, long streamTime) {
        if (session.getEpisode() == null) {
            return session.getPendingSince() == null ? Optional.empty() : evaluate(session, outcomes, streamTime);
        }
        return quietBy(session, outcomes, streamTime);
    }

    /**
     * Resolves the open episode QUIET if the session made no agent call for the quiet period before
     * {@code nowMs}: checked by the sweep, and before a call after a long pause, which starts a new episode.
     */
    Optional<Alert> quietBy(SessionBurn session, UserOutcomes outcomes, long nowMs) {
        Episode episode = session.getEpisode();
        long quietAt = session.getLastAgentCallTs() + rule.quiet().toMillis();
        if (episode == null || nowMs < quietAt) {
            return Optional.empty();
        }
        Alert resolved = IdleAlerts.state(session, episode, AlertStatus.RESOLVED, Resolution.QUIET,
                Math.max(quietAt, episode.getLastStateTs()), Attribution.latestFor(session, outcomes), outcomes, rule);
        resolved.setMessage(IdleMessages.resolvedQuiet(resolved, rule));
        session.setEpisode(null);
        session.setPendingSince(null);
        return Optional.of(resolved);
    }

    /** Whether the session has nothing left to watch at {@code streamTime} and can be forgotten. */
    boolean forgettable(SessionBurn session, long streamTime) {
        long lastSeen = Math.max(session.getLastCallTs(),
                session.getFamilyOutcomeTs() == null ? 0 : session.getFamilyOutcomeTs());
        return session.getEpisode() == null && session.getPendingSince() == null
                && streamTime - lastSeen > rule.retentionMs();
    }

    private Optional<Alert> evaluate(SessionBurn session, UserOutcomes outcomes, long now) {
        WindowBurn window = WindowBurn.of(session.getMinutes(), now, rule.windowMinutes());
        if (!rule.burning(window, rule.attended(session.getLastHumanTs(), now))) {
            session.setPendingSince(null);
            return Optional.empty();
        }
        if (session.getPendingSince() == null) {
            session.setPendingSince(now);
        }
        BurnEvidence evidence = BurnEvidence.of(session, outcomes, now, rule);
        if (!evidence.accused()) {
            return Optional.empty();
        }
        Episode episode = Episode.newBuilder()
                .setAlertId(IdleAlerts.alertId(session.getUserId(), session.getSessionId(), evidence.burnStartMs()))
                .setStartedAt(Math.max(window.startMs(), session.getFirstCallTs()))
                .setOpenedAt(now)
                .setLastStateTs(now)
                .setCalls(window.calls())
                .setInputTokens(window.inputTokens())
                .setOutputTokens(window.outputTokens())
                .setCacheReadTokens(window.cacheReadTokens())
                .setCacheWriteTokens(window.cacheWriteTokens())
                .setCostUsd(window.costUsd() == null ? 0 : window.costUsd())
                .setCostedCalls(window.costUsd() == null ? 0 : window.calls())
                .setReason(evidence.reason().name())
                .setSinceTs(BurnEvidence.sinceTs(session))
                .build();
        session.setEpisode(episode);
        session.setPendingSince(null);
        Alert open = IdleAlerts.state(session, episode, AlertStatus.OPEN, null, now,
                Attribution.latestFor(session, outcomes), outcomes, rule);
        open.setMessage(IdleMessages.opened(open, LoopEvidence.of(session.getLoop())));
        return Optional.of(open);
    }

    private static void addTo(Episode episode, UsageEvent call, Double costUsd) {
        episode.setCalls(episode.getCalls() + 1);
        episode.setInputTokens(episode.getInputTokens() + call.getInputTokens());
        episode.setOutputTokens(episode.getOutputTokens() + call.getOutputTokens());
        episode.setCacheReadTokens(episode.getCacheReadTokens() + call.getCacheReadTokens());
        episode.setCacheWriteTokens(episode.getCacheWriteTokens() + call.getCacheWriteTokens());
        if (costUsd != null) {
            episode.setCostUsd(episode.getCostUsd() + costUsd);
            episode.setCostedCalls(episode.getCostedCalls() + 1);
        }
    }
}

