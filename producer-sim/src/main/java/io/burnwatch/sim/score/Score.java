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
 * whose session is not in the ground truth (no session id, or another run's session); {@code sessions} says what
 * became of each session with an alert.
 */
public record Score(List<PersonaScore> rows, int unmatchedAlerts, List<SessionVerdict> sessions) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-18s %8s %7s %7s %7s %5s %9s %6s | %7s %7s %7s | %7s %7s %7s%n";

    public Score {
        rows = List.copyOf(rows);
        sessions = List.copyOf(sessions);
    }

    public Score(List<PersonaScore> rows, int unmatchedAlerts) {
        this(rows, unmatchedAlerts, List.of());
    }

    public String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-18s %8s %7s %7s %7s %5s %9s %6s | %-23s"
                        + " | %-23s%n", "", "", "", "", "resolved", "", "", "",
                "delay from crossing", "delay from start"));
        table.append(String.format(Locale.ROOT, ROW, "persona", "sessions", "alerted", "pending", "outcome", "quiet",
                "precision", "recall", "p50", "p95", "max", "p50", "p95", "max"));
        for (PersonaScore row : rows) {
            table.append(String.format(Locale.ROOT, ROW, row.persona(), row.sessions(), row.alertedSessions(),
                    row.pendingSessions(), row.resolvedByOutcome(), row.resolvedQuiet(), ratio(row.precision()),
                    ratio(row.recall()), duration(row.delayP50()), duration(row.delayP95()), duration(row.delayMax()),
                    duration(row.startDelayP50()), duration(row.startDelayP95()), duration(row.startDelayMax())));
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
                    .put("resolved_quiet", row.resolvedQuiet())
                    .put("should_alert_sessions", row.shouldAlert())
                    .put("alerted_should_alert_sessions", row.detectedShouldAlert());
            putRatio(node, "precision", row.precision());
            putRatio(node, "recall", row.recall());
            putMillis(node, "delay_p50_ms", row.delayP50());
            putMillis(node, "delay_p95_ms", row.delayP95());
            putMillis(node, "delay_max_ms", row.delayMax());
            putMillis(node, "start_delay_p50_ms", row.startDelayP50());
            putMillis(node, "start_delay_p95_ms", row.startDelayP95());
            putMillis(node, "start_delay_max_ms", row.startDelayMax());
        }
        root.put("unmatched_alerts", unmatchedAlerts);
        ArrayNode alerted = root.putArray("sessions");
        for (SessionVerdict session : sessions) {
            ObjectNode node = alerted.addObject()
                    .put("session_id", session.sessionId())
                    .put("persona", session.persona())
                    .put("label", session.label())
                    .put("resolution", session.resolution());
            ArrayNode episodes = node.putArray("episodes");
            session.episodes().forEach(episodes::add);
        }
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
