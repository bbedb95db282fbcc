package io.burnwatch.sim.score;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import java.time.Instant;

/** Hand-built ground truth and alerts; times are milliseconds after the epoch. */
final class Sessions {

    private Sessions() {
    }

    static SessionTruth shouldAlert(String session, String persona, long detectableFrom) {
        return truth(session, persona, TruthLabel.SHOULD_ALERT, Instant.ofEpochMilli(detectableFrom));
    }

    static SessionTruth mustNotAlert(String session, String persona) {
        return truth(session, persona, TruthLabel.MUST_NOT_ALERT, null);
    }

    static SessionTruth mayAlertIfResolved(String session, String persona, long detectableFrom) {
        return truth(session, persona, TruthLabel.MAY_ALERT_IF_RESOLVED, Instant.ofEpochMilli(detectableFrom));
    }

    static Alert open(String session, long openedAt) {
        return alert(session, AlertStatus.OPEN, null, openedAt, openedAt);
    }

    static Alert open(String session, long openedAt, AlertKind kind) {
        return Alert.newBuilder(open(session, openedAt)).setKind(kind).build();
    }

    static Alert update(String session, long openedAt, long ts) {
        return alert(session, AlertStatus.UPDATE, null, openedAt, ts);
    }

    static Alert resolved(String session, long openedAt, long ts, String resolution) {
        return alert(session, AlertStatus.RESOLVED, Resolution.valueOf(resolution), openedAt, ts);
    }

    private static SessionTruth truth(String session, String persona, TruthLabel label, Instant detectableFrom) {
        return SessionTruth.newBuilder().setSessionId(session).setUserId("user-of-" + session).setPersona(persona)
                .setLabel(label).setStartedAt(Instant.EPOCH).setDetectableFrom(detectableFrom).build();
    }

    private static Alert alert(String session, AlertStatus status, Resolution resolution, long openedAt, long ts) {
        return Alert.newBuilder().setAlertId("alert-" + session + "-" + openedAt).setKind(AlertKind.IDLE_LOOP)
                .setStatus(status).setResolution(resolution).setTs(Instant.ofEpochMilli(ts))
                .setOpenedAt(Instant.ofEpochMilli(openedAt)).setUserId("user-of-" + session).setSessionId(session)
                .setWindowStart(Instant.ofEpochMilli(openedAt)).setWindowEnd(Instant.ofEpochMilli(openedAt))
                .setCalls(1).setInputTokens(1).setOutputTokens(1).setCacheReadTokens(0).setCacheWriteTokens(0)
                .setMessage("burning").build();
    }
}
