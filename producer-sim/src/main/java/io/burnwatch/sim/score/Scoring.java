package io.burnwatch.sim.score;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores alerts against the ground truth, per persona.
 * <ul>
 *   <li>An <b>alerted session</b> has at least one alert. Every state of an alert carries {@code opened_at}, so a
 *   session counts as alerted even when compaction has already removed its OPEN record.</li>
 *   <li>An alert is <b>correct</b> for a SHOULD_ALERT session, and for a MAY_ALERT_IF_RESOLVED session whose alert
 *   was later RESOLVED with OUTCOME; never for a MUST_NOT_ALERT session.</li>
 *   <li><b>precision</b> = correct alerted sessions / alerted sessions; <b>recall</b> = alerted SHOULD_ALERT
 *   sessions / SHOULD_ALERT sessions.</li>
 *   <li><b>detection delay</b> = the session's first {@code opened_at} minus its {@code detectable_from}, over the
 *   alerted SHOULD_ALERT sessions; p50 and p95 by nearest rank.</li>
 * </ul>
 */
public final class Scoring {

    /** All personas together, the last row of a score. */
    public static final String ALL = "all";

    private Scoring() {
    }

    public static Score score(Collection<SessionTruth> truths, Collection<Alert> alerts) {
        Map<String, List<Alert>> alertsBySession = new HashMap<>();
        for (Alert alert : alerts) {
            alertsBySession.computeIfAbsent(alert.getSessionId() == null ? "" : alert.getSessionId(),
                    session -> new ArrayList<>()).add(alert);
        }
        Map<String, Tally> tallies = new TreeMap<>();
        Tally all = new Tally(ALL);
        int matched = 0;
        for (SessionTruth truth : truths) {
            List<Alert> sessionAlerts = alertsBySession.getOrDefault(truth.getSessionId(), List.of());
            matched += sessionAlerts.size();
            Outcome outcome = judge(truth, sessionAlerts);
            tallies.computeIfAbsent(truth.getPersona(), Tally::new).add(truth, outcome);
            all.add(truth, outcome);
        }
        List<PersonaScore> rows = new ArrayList<>();
        tallies.values().forEach(tally -> rows.add(tally.score()));
        rows.add(all.score());
        return new Score(rows, alerts.size() - matched);
    }

    private record Outcome(boolean alerted, boolean correct, Duration delay) {
    }

    private static Outcome judge(SessionTruth truth, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return new Outcome(false, false, null);
        }
        boolean resolvedByOutcome = alerts.stream().anyMatch(alert -> alert.getStatus() == AlertStatus.RESOLVED
                && alert.getResolution() == Resolution.OUTCOME);
        boolean correct = switch (truth.getLabel()) {
            case SHOULD_ALERT -> true;
            case MAY_ALERT_IF_RESOLVED -> resolvedByOutcome;
            case MUST_NOT_ALERT -> false;
        };
        Duration delay = null;
        if (truth.getLabel() == TruthLabel.SHOULD_ALERT && truth.getDetectableFrom() != null) {
            Instant firstOpened = alerts.stream().map(Alert::getOpenedAt).min(Comparator.naturalOrder()).orElseThrow();
            delay = Duration.between(truth.getDetectableFrom(), firstOpened);
        }
        return new Outcome(true, correct, delay);
    }

    private static final class Tally {
        private final String persona;
        private final List<Duration> delays = new ArrayList<>();
        private int sessions;
        private int alerted;
        private int correct;
        private int shouldAlert;
        private int detected;

        Tally(String persona) {
            this.persona = persona;
        }

        void add(SessionTruth truth, Outcome outcome) {
            sessions++;
            boolean should = truth.getLabel() == TruthLabel.SHOULD_ALERT;
            if (should) {
                shouldAlert++;
            }
            if (outcome.alerted()) {
                alerted++;
                if (outcome.correct()) {
                    correct++;
                }
                if (should) {
                    detected++;
                }
            }
            if (outcome.delay() != null) {
                delays.add(outcome.delay());
            }
        }

        PersonaScore score() {
            delays.sort(Comparator.naturalOrder());
            return new PersonaScore(persona, sessions, alerted, correct, shouldAlert, detected,
                    percentile(delays, 0.50), percentile(delays, 0.95));
        }
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it; null if none. */
    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
