package io.burnwatch.streams.guard.budget;

import static io.burnwatch.streams.guard.GuardText.minute;
import static io.burnwatch.streams.guard.GuardText.percent;
import static io.burnwatch.streams.guard.GuardText.usd;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.BudgetEvidence;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.Severity;
import io.burnwatch.streams.guard.AlertFigures;
import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.state.PeriodSpend;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The states of a BUDGET alert: OPEN when a threshold is crossed or the forecast runs out early; RESOLVED later. */
final class BudgetAlerts {

    private BudgetAlerts() {
    }

    /**
     * One id per scope, period, amount and threshold (or early warning): a replay overwrites rather than duplicates,
     * and a threshold crossed again under a changed amount is a new alert.
     */
    static String alertId(Scope scope, BudgetEvidence evidence) {
        String slot = evidence.getEarlyWarning() ? "early" : Integer.toString(evidence.getThresholdPercent());
        String name = "budget\u0000" + scope + '\u0000' + evidence.getPeriod() + '\u0000'
                + evidence.getPeriodStart().toEpochMilli() + '\u0000' + evidence.getAmountUsd() + '\u0000' + slot;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Alert open(Scope scope, String teamId, BudgetEvidence evidence, PeriodSpend spent, Instant at) {
        return AlertFigures.usage(Alert.newBuilder(), spent.getTotals())
                .setAlertId(alertId(scope, evidence))
                .setKind(AlertKind.BUDGET)
                .setStatus(AlertStatus.OPEN)
                .setResolution(null)
                .setTs(at)
                .setOpenedAt(at)
                .setUserId(scope.alertUserId())
                .setTeamId(teamId)
                .setModels(List.of())
                .setWindowStart(evidence.getPeriodStart())
                .setWindowEnd(at)
                .setCostUsd(evidence.getSpentUsd())
                .setSeverity(severity(evidence))
                .setBudget(evidence)
                .setMessage(evidence.getEarlyWarning() ? early(scope, evidence) : crossed(scope, evidence))
                .build();
    }

    static Alert resolved(Alert open, Resolution why, Instant at, String message) {
        return Alert.newBuilder(open).setStatus(AlertStatus.RESOLVED).setResolution(why).setTs(at).setMessage(message).build();
    }

    /** By how much of the budget is gone; an early warning is MEDIUM. */
    static Severity severity(BudgetEvidence evidence) {
        if (evidence.getEarlyWarning()) {
            return Severity.MEDIUM;
        }
        int threshold = evidence.getThresholdPercent();
        return threshold >= 100 ? Severity.CRITICAL : threshold >= 80 ? Severity.HIGH
                : threshold >= 50 ? Severity.MEDIUM : Severity.LOW;
    }

    /** "team:payments has spent $2,512.40 (50%) of its $5,000.00 monthly budget; at $41.20 an hour it runs out 2026-03-24 13:00 UTC". */
    private static String crossed(Scope scope, BudgetEvidence e) {
        return scope + " has spent " + usd(e.getSpentUsd()) + " (" + percent(e.getPercentUsed()) + ") of its "
                + usd(e.getAmountUsd()) + " " + Periods.adjective(e.getPeriod()) + " budget, crossing "
                + e.getThresholdPercent() + "%" + forecast(e);
    }

    /** "team:payments will run out of its $5,000.00 monthly budget 2026-03-24 13:00 UTC, before the month ends: ...". */
    private static String early(Scope scope, BudgetEvidence e) {
        return scope + " will run out of its " + usd(e.getAmountUsd()) + " " + Periods.adjective(e.getPeriod())
                + " budget " + minute(e.getForecastExhaustedAt()) + ", before the " + Periods.noun(e.getPeriod())
                + " ends: " + usd(e.getSpentUsd()) + " (" + percent(e.getPercentUsed()) + ") spent, "
                + usd(e.getBurnRate6hUsd()) + " an hour over the last 6 hours";
    }

    private static String forecast(BudgetEvidence e) {
        if (e.getForecastExhaustedAt() == null) {
            return "";
        }
        return "; at " + usd(e.getBurnRate6hUsd()) + " an hour it runs out " + minute(e.getForecastExhaustedAt());
    }

    /** "Resolved: the month of team:payments's $5,000.00 budget is over". */
    static String periodEnded(Alert open) {
        BudgetEvidence e = open.getBudget();
        return "Resolved: the " + Periods.noun(e.getPeriod()) + " of " + e.getScope() + "'s " + usd(e.getAmountUsd())
                + " budget is over";
    }

    static String removed(Alert open) {
        return "Resolved: the budget of " + open.getBudget().getScope() + " was removed";
    }

    /** "Resolved: team:payments's budget changed to $10,000.00 monthly; $5,210.00 spent is 52%". */
    static String changed(Alert open, double amountUsd, String period, double spentUsd) {
        return "Resolved: the budget of " + open.getBudget().getScope() + " changed to " + usd(amountUsd) + " " + period
                + "; " + usd(spentUsd) + " spent is " + percent(100 * spentUsd / amountUsd) + " of it";
    }
}
