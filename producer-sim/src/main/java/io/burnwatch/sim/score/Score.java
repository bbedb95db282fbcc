package io.burnwatch.sim.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One row per persona, then {@link Scoring#ALL}; {@code unmatchedAlerts} counts the session alerts (by alert id)
 * whose session is not in the ground truth (no session id, or another run's session).
 */
public record Score(List<PersonaScore> rows, int unmatchedAlerts) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-20s %9s %8s %8s %11s %10s %7s %10s %10s%n";

    public String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, ROW,
                "persona", "sessions", "alerted", "pending", "by outcome", "precision", "recall", "delay p50",
                "delay p95"));
        for (PersonaScore row : rows) {
            table.append(String.format(Locale.ROOT, ROW, row.persona(), row.sessions(), row.alertedSessions(),
                    row.pendingSessions(), row.resolvedByOutcome(), ratio(row.precision()), ratio(row.recall()),
                    duration(row.delayP50()), duration(row.delayP95())));
        }
        table.append(String.format(Locale.ROOT, "alerts on sessions not in the ground truth: %d%n", unmatchedAlerts));
        return table.toString();
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode personas = root.putArray("personas");
        for (PersonaScore row : rows) {
            ObjectNode node = personas.addObject()
                    .put("persona", row.persona())
                    .put("sessions", row.sessions())
                    .put("alerted_sessions", row.alertedSessions())
                    .put("pending", row.pendingSessions())
                    .put("correct_alerts", row.correctAlerts())
                    .put("resolved_by_outcome", row.resolvedByOutcome())
                    .put("should_alert_sessions", row.shouldAlert())
                    .put("alerted_should_alert_sessions", row.detectedShouldAlert());
            putRatio(node, "precision", row.precision());
            putRatio(node, "recall", row.recall());
            putMillis(node, "delay_p50_ms", row.delayP50());
            putMillis(node, "delay_p95_ms", row.delayP95());
        }
        root.put("unmatched_alerts", unmatchedAlerts);
        return root.toString();
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "n/a";
    }

    private static String duration(Duration value) {
        if (value == null) {
            return "n/a";
        }
        return value.toSeconds() + "s";
    }

    private static void putRatio(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }

    private static void putMillis(ObjectNode node, String field, Duration value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toMillis());
        }
    }
}
