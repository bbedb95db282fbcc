package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.IdleBaseline;
import io.burnwatch.schema.IdleEvidence;
import io.burnwatch.schema.IdleReason;
import io.burnwatch.schema.OutcomeEvent;
import java.time.Duration;
import java.util.Locale;

/** The one line of each IDLE_LOOP alert state, written for the person who has to act on it. */
final class IdleMessages {

    private IdleMessages() {
    }

    /**
     * "$6.10 in 12 min over 650 agent calls in session s-17 (frank, repo acme/api); $9.80 since it started 14 min
     * ago with no commit or PR; why now: 4 loop fingerprints throughout a 10 min burn; 94% of prompts repeat 3
     * fingerprints, a call every 1.0 s (CV 0.12), ...".
     */
    static String opened(Alert alert, LoopEvidence loop) {
        Duration took = Duration.ofMillis(Math.max(WindowBurn.MINUTE_MS,
                alert.getWindowEnd().toEpochMilli() - alert.getWindowStart().toEpochMilli()));
        return burn(alert.getCostUsd(), windowTokens(alert)) + " in " + span(took) + " over "
                + count(alert.getCalls(), "agent call") + " in " + where(alert) + "; " + since(alert) + "; why now: "
                + whyNow(alert) + "; " + loop.describe(alert.getFingerprints()) + substance(alert.getIdle());
    }

    /** "$9.80 since it started 14 min ago with no commit or PR", or "... since its last commit or PR 2 h 5 min ago". */
    static String since(Alert alert) {
        IdleEvidence idle = alert.getIdle();
        String spent = burn(idle.getSinceCostUsd(), idle.getSinceTokens());
        String ago = span(Duration.ofMillis(idle.getSinceMs())) + " ago";
        return idle.getSessionOutcomes() == 0 && alert.getLastOutcomeTs() == null
                ? spent + " since it started " + ago + " with no commit or PR"
                : spent + " since its last commit or PR " + ago;
    }

    /** Why the alert opened when it did: the fingerprints, or the patience and where it came from. */
    static String whyNow(Alert alert) {
        IdleEvidence idle = alert.getIdle();
        if (idle.getReason() == IdleReason.FINGERPRINTS) {
            long present = alert.getFingerprints().stream().filter(Fingerprint::getPresent).count();
            return present + " loop fingerprints while burning";
        }
        String baseline = idle.getBaseline() == IdleBaseline.OWN
                ? alert.getUserId() + "'s median of " + span(Duration.ofMillis(idle.getBaselineGapMs()))
                        + " between outcomes over " + count(idle.getBaselineGaps(), "gap")
                : "the default for a user with little history of outcomes";
        return "nothing to show for longer than its patience of " + span(Duration.ofMillis(idle.getPatienceMs()))
                + " (" + baseline + (idle.getAttended() ? ", doubled while a person takes turns" : "") + ")";
    }

    /** "; its 3 outcomes changed 4 lines each, $12.50 per line", or nothing without outcomes. */
    static String substance(IdleEvidence idle) {
        if (idle == null || idle.getSessionOutcomes() == 0 || idle.getLinesPerOutcome() == null) {
            return "";
        }
        String perLine = idle.getUsdPerChangedLine() == null ? ""
                : ", " + String.format(Locale.ROOT, "$%.2f", idle.getUsdPerChangedLine()) + " per line";
        return "; its " + count(idle.getSessionOutcomes(), "outcome") + " changed "
                + Math.round(idle.getLinesPerOutcome()) + " lines each" + perLine;
    }

    /** "Still burning: $412 in 2 h 10 min over 1,830 agent calls in session s-17 (frank), no commit or PR; ...". */
    static String updated(Alert alert, LoopEvidence loop) {
        return "Still burning: " + episodeBurn(alert) + " in " + where(alert) + "; " + since(alert) + "; "
                + loop.describe(alert.getFingerprints()) + substance(alert.getIdle());
    }

    /** "Resolved: frank made a COMMIT in acme/api after session s-17 burned $412 in 2 h over 1,830 agent calls". */
    static String resolvedByOutcome(Alert alert, OutcomeEvent outcome) {
        String in = outcome.getRepo() != null ? " in " + outcome.getRepo() : "";
        return "Resolved: " + alert.getUserId() + " made a " + outcome.getKind() + in + " after session "
                + alert.getSessionId() + " burned " + episodeBurn(alert);
    }

    /** "Resolved: session s-17 (frank) made no agent call for 30 min after burning $412 in 2 h ..., with no commit or PR". */
    static String resolvedQuiet(Alert alert, IdleRule rule) {
        return "Resolved: " + where(alert) + " made no agent call for " + span(rule.quiet()) + " after burning "
                + episodeBurn(alert) + ", with no commit or PR";
    }

    private static String episodeBurn(Alert alert) {
        long tokens = alert.getEpisodeInputTokens() + alert.getEpisodeOutputTokens()
                + alert.getEpisodeCacheReadTokens() + alert.getEpisodeCacheWriteTokens();
        Duration lasted = Duration.ofMillis(alert.getTs().toEpochMilli() - alert.getEpisodeStartedAt().toEpochMilli());
        return burn(alert.getEpisodeCostUsd(), tokens) + " in " + span(lasted) + " over "
                + count(alert.getEpisodeCalls(), "agent call");
    }

    private static long windowTokens(Alert alert) {
        return alert.getInputTokens() + alert.getOutputTokens() + alert.getCacheReadTokens() + alert.getCacheWriteTokens();
    }

    private static String where(Alert alert) {
        String who = alert.getRepo() != null ? alert.getUserId() + ", repo " + alert.getRepo() : alert.getUserId();
        String swarm = alert.getSubagentSessions() > 0 ? " with " + count(alert.getSubagentSessions(), "subagent") : "";
        return "session " + alert.getSessionId() + swarm + " (" + who + ")";
    }

    /** "$6.10" or "$412" when the cost is known, else the tokens: "2.4M tokens". */
    static String burn(Double costUsd, long tokens) {
        if (costUsd == null) {
            return tokens(tokens) + " tokens";
        }
        return costUsd < 100 ? String.format(Locale.ROOT, "$%.2f", costUsd) : String.format(Locale.ROOT, "$%,.0f", costUsd);
    }

    /** "1 agent call", "1,830 agent calls". */
    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** 2400000 → "2.4M", 950000 → "950k", 812 → "812". */
    static String tokens(long count) {
        if (count >= 1_000_000) {
            return compact(count / 1_000_000.0) + "M";
        }
        if (count >= 1_000) {
            return compact(count / 1_000.0) + "k";
        }
        return Long.toString(count);
    }

    /** "2 hours", "2 h 10 min", "30 min", "45 s". */
    static String span(Duration duration) {
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours > 0) {
            return minutes == 0 ? (hours == 1 ? "1 hour" : hours + " hours") : hours + " h " + minutes + " min";
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String compact(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
