package io.burnwatch.streams.alert;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.OutcomeEvent;
import java.time.Duration;
import java.util.Locale;

/** The one line of each alert state, written for the person who has to act on it. */
final class AlertMessages {

    private AlertMessages() {
    }

    /** "2.4M tokens in 10 min over 41 calls in session s-17 (alice, repo acme/api), no commit or PR in the last hour". */
    static String opened(Alert alert, BurnRule rule) {
        return tokens(tokensOf(alert)) + " tokens in " + span(rule.window()) + " over " + alert.getCalls()
                + (alert.getCalls() == 1 ? " call" : " calls") + " in session " + alert.getSessionId()
                + " (" + who(alert) + "), no commit or PR in the last " + span(rule.outcomeLookback());
    }

    /** "Resolved: alice made a COMMIT in acme/api after session s-17 burned 2.4M tokens". */
    static String resolvedByOutcome(Alert alert, OutcomeEvent outcome) {
        String where = outcome.getRepo() != null ? " in " + outcome.getRepo() : "";
        return "Resolved: " + alert.getUserId() + " made a " + outcome.getKind() + where + " after session "
                + alert.getSessionId() + " burned " + tokens(tokensOf(alert)) + " tokens";
    }

    /** "Resolved: session s-17 (alice) went quiet for an hour after burning 2.4M tokens, with no commit or PR". */
    static String resolvedQuiet(Alert alert, Duration idle) {
        return "Resolved: session " + alert.getSessionId() + " (" + who(alert) + ") went quiet for "
                + (idle.equals(Duration.ofHours(1)) ? "an hour" : span(idle)) + " after burning "
                + tokens(tokensOf(alert)) + " tokens, with no commit or PR";
    }

    static long tokensOf(Alert alert) {
        return alert.getInputTokens() + alert.getOutputTokens() + alert.getCacheReadTokens() + alert.getCacheWriteTokens();
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

    /** 1 h → "hour", 2 h → "2 hours", 10 min → "10 min", 45 s → "45 s". */
    static String span(Duration duration) {
        if (duration.equals(Duration.ofHours(1))) {
            return "hour";
        }
        if (duration.toMinutes() >= 60 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
            return duration.toHours() + " hours";
        }
        if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }

    private static String who(Alert alert) {
        return alert.getRepo() != null ? alert.getUserId() + ", repo " + alert.getRepo() : alert.getUserId();
    }

    private static String compact(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
