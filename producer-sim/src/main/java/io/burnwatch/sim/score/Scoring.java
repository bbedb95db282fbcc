package io.burnwatch.sim.score;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores alerts against the ground truth, per persona. Only session alerts count ({@link #SESSION_KINDS}); other
 * kinds are ignored. Each alert is judged by its <b>latest state</b>: of all states with its {@code alert_id}, the
 * furthest along its lifecycle (OPEN, UPDATE, RESOLVED), then the latest {@code ts} — so the order the states
 * were read in does not matter.
 * <ul>
 *   <li>A MAY_ALERT_IF_RESOLVED session whose alerts are all still unresolved (OPEN or UPDATE) is <b>pending</b>:
 *   its outcome has not come yet, so it is neither alerted nor counted in precision.</li>
 *   <li>Any other session with at least one alert is an <b>alerted session</b>. Every state of an alert carries
 *   {@code opened_at}, so a session counts as alerted even when compaction has already removed its OPEN record.</li>
 *   <li>A session is <b>resolved by outcome</b> when at least one of its alerts was RESOLVED with OUTCOME and none
 *   with QUIET.</li>
 *   <li>An alert is <b>correct</b> for a SHOULD_ALERT session, and for a MAY_ALERT_IF_RESOLVED session resolved by
 *   outcome; never for a MUST_NOT_ALERT session.</li>
 *   <li><b>precision</b> = correct alerted sessions / alerted sessions; <b>recall</b> = alerted SHOULD_ALERT
 *   sessions / SHOULD_ALERT sessions.</li>
 *   <li>A session is <b>resolved quiet</b> when at least one of its alerts was RESOLVED with QUIET.</li>
 *   <li><b>detection delay</b> = the session's first {@code opened_at} minus its {@code detectable_from}, over the
 *   alerted SHOULD_ALERT sessions; p50 and p95 by nearest rank, and the max. The <b>start delay</b> is the same
 *   from the session's {@code started_at}.</li>
 * </ul>
 * Every session with a session alert also gets a {@link SessionVerdict}, to compare runs session by session.
 */
public final class Scoring {

    /** All personas together, the last row of a score. */
    public static final String ALL = "all";

    /** The kinds of alert raised on a session, the ones the ground truth can judge. */
    public static final Set<AlertKind> SESSION_KINDS = EnumSet.of(AlertKind.IDLE_LOOP, AlertKind.TOKEN_BURN_NO_OUTCOME);

    private static final Comparator<Alert> LIFECYCLE =
            Comparator.comparing(Alert::getStatus).thenComparing(Alert::getTs);

    private Scoring() {
    }

    public static Score score(Collection<SessionTruth> truths, Collection<Alert> alerts) {
        Map<String, Map<String, Alert>> latestBySession = new HashMap<>();
        for (Alert alert : alerts) {
            if (SESSION_KINDS.contains(alert.getKind())) {
                latestBySession.computeIfAbsent(alert.getSessionId() == null ? "" : alert.getSessionId(),
                                session -> new HashMap<>())
                        .merge(alert.getAlertId(), alert, (a, b) -> LIFECYCLE.compare(a, b) >= 0 ? a : b);
            }
        }
        Map<String, Tally> tallies = new TreeMap<>();
        Tally all = new Tally(ALL);
        List<SessionVerdict> verdicts = new ArrayList<>();
        for (SessionTruth truth : truths) {
            Collection<Alert> latest = latestBySession.getOrDefault(truth.getSessionId(), Map.of()).values();
            Outcome outcome = judge(truth, latest);
            tallies.computeIfAbsent(truth.getPersona(), Tally::new).add(truth, outcome);
            all.add(truth, outcome);
            if (!latest.isEmpty()) {
                verdicts.add(new SessionVerdict(truth.getSessionId(), truth.getPersona(), truth.getLabel().name(),
                        resolution(latest), episodes(latest)));
            }
        }
        verdicts.sort(Comparator.comparing(SessionVerdict::sessionId));
        List<PersonaScore> rows = new ArrayList<>();
        tallies.values().forEach(tally -> rows.add(tally.score()));
        rows.add(all.score());
        Set<String> known = new HashSet<>();
        truths.forEach(truth -> known.add(truth.getSessionId()));
        int unmatched = latestBySession.entrySet().stream().filter(session -> !known.contains(session.getKey()))
                .mapToInt(session -> session.getValue().size()).sum();
        return new Score(rows, unmatched, verdicts);
    }

    private record Outcome(boolean alerted, boolean pending, boolean correct, boolean resolvedByOutcome,
                           boolean resolvedQuiet, Duration delay, Duration startDelay) {
    }

    /** The state of each alert, in the order they were opened. */
    private static List<String> episodes(Collection<Alert> latest) {
        return latest.stream()
                .sorted(Comparator.comparing(Alert::getOpenedAt).thenComparing(Alert::getAlertId))
                .map(alert -> alert.getStatus() != AlertStatus.RESOLVED || alert.getResolution() == null
                        ? SessionVerdict.PENDING : alert.getResolution().name())
                .toList();
    }

    private static String resolution(Collection<Alert> latest) {
        if (latest.stream().allMatch(alert -> alert.getStatus() != AlertStatus.RESOLVED)) {
            return SessionVerdict.PENDING;
        }
        if (latest.stream().anyMatch(alert -> resolvedBy(alert, Resolution.QUIET))) {
            return Resolution.QUIET.name();
        }
        if (latest.stream().anyMatch(alert -> resolvedBy(alert, Resolution.OUTCOME))) {
            return Resolution.OUTCOME.name();
        }
        return latest.stream().filter(alert -> alert.getResolution() != null)
                .map(alert -> alert.getResolution().name()).sorted().findFirst().orElse(SessionVerdict.PENDING);
    }

    private static Outcome judge(SessionTruth truth, Collection<Alert> latest) {
        if (latest.isEmpty()) {
            return new Outcome(false, false, false, false, false, null, null);
        }
        boolean unresolved = latest.stream().allMatch(alert -> alert.getStatus() != AlertStatus.RESOLVED);
        if (truth.getLabel() == TruthLabel.MAY_ALERT_IF_RESOLVED && unresolved) {
            return new Outcome(false, true, false, false, false, null, null);
        }
        boolean resolvedByOutcome = latest.stream().anyMatch(alert -> resolvedBy(alert, Resolution.OUTCOME))
                && latest.stream().noneMatch(alert -> resolvedBy(alert, Resolution.QUIET));
        boolean correct = switch (truth.getLabel()) {
            case SHOULD_ALERT -> true;
            case MAY_ALERT_IF_RESOLVED -> resolvedByOutcome;
            case MUST_NOT_ALERT -> false;
        };
        boolean resolvedQuiet = latest.stream().anyMatch(alert -> resolvedBy(alert, Resolution.QUIET));
        Duration delay = null;
        Duration startDelay = null;
        if (truth.getLabel() == TruthLabel.SHOULD_ALERT) {
            Instant firstOpened = latest.stream().map(Alert::getOpenedAt).min(Comparator.naturalOrder()).orElseThrow();
            startDelay = Duration.between(truth.getStartedAt(), firstOpened);
            if (truth.getDetectableFrom() != null) {
                delay = Duration.between(truth.getDetectableFrom(), firstOpened);
            }
        }
        return new Outcome(true, false, correct, resolvedByOutcome, resolvedQuiet, delay, startDelay);
    }

    private static boolean resolvedBy(Alert alert, Resolution resolution) {
        return alert.getStatus() == AlertStatus.RESOLVED && alert.getResolution() == resolution;
    }

    private static final class Tally {
        private final String persona;
        private final List<Duration> delays = new ArrayList<>();
        private final List<Duration> startDelays = new ArrayList<>();
        private int sessions;
        private int alerted;
        private int pending;
        private int correct;
        private int resolvedByOutcome;
        private int resolvedQuiet;
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
            if (outcome.pending()) {
                pending++;
            }
            if (outcome.alerted()) {
                alerted++;
                if (outcome.correct()) {
                    correct++;
                }
                if (outcome.resolvedByOutcome()) {
                    resolvedByOutcome++;
                }
                if (outcome.resolvedQuiet()) {
                    resolvedQuiet++;
                }
                if (should) {
                    detected++;
                }
            }
            if (outcome.delay() != null) {
                delays.add(outcome.delay());
            }
            if (outcome.startDelay() != null) {
                startDelays.add(outcome.startDelay());
            }
        }

        PersonaScore score() {
            delays.sort(Comparator.naturalOrder());
            startDelays.sort(Comparator.naturalOrder());
            return new PersonaScore(persona, sessions, alerted, pending, correct, resolvedByOutcome, resolvedQuiet,
                    shouldAlert, detected, percentile(delays, 0.50), percentile(delays, 0.95), percentile(delays, 1.0),
                    percentile(startDelays, 0.50), percentile(startDelays, 0.95), percentile(startDelays, 1.0));
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
