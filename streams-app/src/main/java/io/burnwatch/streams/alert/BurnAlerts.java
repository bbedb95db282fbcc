package io.burnwatch.streams.alert;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The states of a TOKEN_BURN_NO_OUTCOME alert: OPEN, then RESOLVED by an outcome or by the session going quiet. */
final class BurnAlerts {

    private BurnAlerts() {
    }

    /**
     * The same episode (user, session, start of the window that first crossed the threshold) always gets the same
     * id, so a replay after a crash overwrites rather than duplicates on the compacted alerts topic.
     */
    static String alertId(String userId, String sessionId, Instant windowStart) {
        String episode = userId + '\u0000' + sessionId + '\u0000' + windowStart.toEpochMilli();
        return UUID.nameUUIDFromBytes(episode.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Alert open(UsageEvent trigger, BurnTally tally, Long lastOutcomeMs, BurnRule rule) {
        Instant at = trigger.getTs();
        Instant windowStart = at.minus(rule.window());
        Alert alert = Alert.newBuilder()
                .setAlertId(alertId(trigger.getUserId(), trigger.getSessionId(), windowStart))
                .setKind(AlertKind.TOKEN_BURN_NO_OUTCOME)
                .setStatus(AlertStatus.OPEN)
                .setResolution(null)
                .setTs(at)
                .setOpenedAt(at)
                .setUserId(trigger.getUserId())
                .setTeamId(tally.team())
                .setSessionId(trigger.getSessionId())
                .setRepo(tally.repo())
                .setClient(tally.client())
                .setModels(tally.models())
                .setWindowStart(windowStart)
                .setWindowEnd(at)
                .setCalls(tally.totals().getRequests())
                .setInputTokens(tally.totals().getInputTokens())
                .setOutputTokens(tally.totals().getOutputTokens())
                .setCacheReadTokens(tally.totals().getCacheReadTokens())
                .setCacheWriteTokens(tally.totals().getCacheWriteTokens())
                .setReportedCostUsd(tally.totals().getReportedCostUsd())
                .setLastOutcomeTs(lastOutcomeMs == null ? null : Instant.ofEpochMilli(lastOutcomeMs))
                .setMessage("")
                .build();
        alert.setMessage(AlertMessages.opened(alert, rule));
        return alert;
    }

    static Alert resolvedByOutcome(Alert open, OutcomeEvent outcome) {
        return Alert.newBuilder(open)
                .setStatus(AlertStatus.RESOLVED)
                .setResolution(Resolution.OUTCOME)
                .setTs(outcome.getTs())
                .setMessage(AlertMessages.resolvedByOutcome(open, outcome))
                .build();
    }

    static Alert resolvedQuiet(Alert open, Instant at, Duration idle) {
        return Alert.newBuilder(open)
                .setStatus(AlertStatus.RESOLVED)
                .setResolution(Resolution.QUIET)
                .setTs(at)
                .setMessage(AlertMessages.resolvedQuiet(open, idle))
                .build();
    }
}
