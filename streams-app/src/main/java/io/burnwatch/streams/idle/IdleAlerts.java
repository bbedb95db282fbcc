package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.IdleReason;
import io.burnwatch.schema.Resolution;
import io.burnwatch.streams.state.Episode;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An IDLE_LOOP alert state with all its evidence, as of one moment of event time. */
final class IdleAlerts {

    private IdleAlerts() {
    }

    /**
     * The same episode (user, session, event time at which its burn crossed the threshold) always gets the same id,
     * so a replay after a crash overwrites rather than duplicates on the compacted alerts topic.
     */
    static String alertId(String userId, String sessionId, long crossedAtMs) {
        String episode = userId + '\u0000' + sessionId + '\u0000' + crossedAtMs;
        return UUID.nameUUIDFromBytes(episode.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The alert of {@code session}'s open episode at {@code nowMs}, with {@code status} and no message yet. */
    static Alert state(SessionBurn session, Episode episode, AlertStatus status, Resolution resolution, long nowMs,
                       Long lastOutcomeMs, UserOutcomes outcomes, IdleRule rule) {
        WindowBurn window = WindowBurn.of(session.getMinutes(), nowMs, rule.windowMinutes());
        BurnEvidence evidence = BurnEvidence.of(session, outcomes, nowMs, rule);
        List<Fingerprint> fingerprints = evidence.fingerprints();
        Verdict verdict = Verdict.of(fingerprints, window);
        return Alert.newBuilder()
                .setAlertId(episode.getAlertId())
                .setKind(AlertKind.IDLE_LOOP)
                .setStatus(status)
                .setResolution(resolution)
                .setTs(Instant.ofEpochMilli(nowMs))
                .setOpenedAt(Instant.ofEpochMilli(episode.getOpenedAt()))
                .setUserId(session.getUserId())
                .setTeamId(session.getTeamId())
                .setSessionId(session.getSessionId())
                .setRepo(session.getRepo())
                .setClient(session.getClient())
                .setModels(new ArrayList<>(session.getModels()))
                .setWindowStart(Instant.ofEpochMilli(window.startMs()))
                .setWindowEnd(Instant.ofEpochMilli(window.endMs()))
                .setCalls(window.calls())
                .setInputTokens(window.inputTokens())
                .setOutputTokens(window.outputTokens())
                .setCacheReadTokens(window.cacheReadTokens())
                .setCacheWriteTokens(window.cacheWriteTokens())
                .setReportedCostUsd(null)
                .setLastOutcomeTs(lastOutcomeMs == null ? null : Instant.ofEpochMilli(lastOutcomeMs))
                .setCostUsd(window.costUsd())
                .setEpisodeStartedAt(Instant.ofEpochMilli(episode.getStartedAt()))
                .setEpisodeCalls(episode.getCalls())
                .setEpisodeInputTokens(episode.getInputTokens())
                .setEpisodeOutputTokens(episode.getOutputTokens())
                .setEpisodeCacheReadTokens(episode.getCacheReadTokens())
                .setEpisodeCacheWriteTokens(episode.getCacheWriteTokens())
                .setEpisodeCostUsd(episode.getCostedCalls() == 0 ? null : episode.getCostUsd())
                .setBurnRateUsdPerHour(verdict.usdPerHour())
                .setSinceHumanTurnMs(session.getLastHumanTs() == null ? null : Math.max(0, nowMs - session.getLastHumanTs()))
                .setSinceOutcomeMs(lastOutcomeMs == null ? null : Math.max(0, nowMs - lastOutcomeMs))
                .setSubagentSessions(session.getSubagents())
                .setFingerprints(fingerprints)
                .setConfidence(verdict.confidence())
                .setSeverity(verdict.severity())
                .setIdle(BurnEvidence.describe(session, evidence, episode.getReason() == null ? IdleReason.PATIENCE
                        : IdleReason.valueOf(episode.getReason())))
                .setMessage("")
                .build();
    }
}
