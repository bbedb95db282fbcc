package io.burnwatch.streams.query;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.streams.state.Episode;
import io.burnwatch.streams.state.SessionBurn;
import java.time.Instant;

/**
 * An alert that is still open, as the query endpoints show it. An IDLE_LOOP alert is read from its session's open
 * episode, which keeps no severity or message (those are on {@code burnwatch.alerts}); its cost is the episode's.
 */
public record AlertView(String alertId, AlertKind kind, AlertStatus status, String userId, String teamId,
                        String sessionId, String repo, Instant openedAt, String severity, Double costUsd,
                        String message) {

    static AlertView of(Alert alert) {
        return new AlertView(alert.getAlertId(), alert.getKind(), alert.getStatus(), alert.getUserId(),
                alert.getTeamId(), alert.getSessionId(), alert.getRepo(), alert.getOpenedAt(),
                alert.getSeverity() == null ? null : alert.getSeverity().name(), alert.getCostUsd(), alert.getMessage());
    }

    static AlertView of(SessionBurn session, Episode episode) {
        return new AlertView(episode.getAlertId(), AlertKind.IDLE_LOOP,
                episode.getLastStateTs() > episode.getOpenedAt() ? AlertStatus.UPDATE : AlertStatus.OPEN,
                session.getUserId(), session.getTeamId(), session.getSessionId(), session.getRepo(),
                Instant.ofEpochMilli(episode.getOpenedAt()), null,
                episode.getCostedCalls() == 0 ? null : episode.getCostUsd(), null);
    }
}
