package io.burnwatch.streams.guard;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Calls of a known cost and budgets, for budget and spike tests. No prices are loaded, so each call costs what it reports. */
public final class Spends {

    private Spends() {
    }

    public static UsageEvent call(String user, String team, Instant ts, double usd) {
        return Events.call(user, "s-" + user, ts).setTeamId(team).setCostUsd(usd).setInputTokens(1_000).build();
    }

    public static Budget budget(String scope, double usd, BudgetPeriod period, Integer... thresholds) {
        return Budget.newBuilder().setScope(scope).setAmountUsd(usd).setPeriod(period)
                .setThresholdsPercent(List.of(thresholds)).setEarlyWarning(false).build();
    }

    /** Pipes {@code calls} calls spread evenly over the hour from {@code hour}, costing {@code usd} together. */
    public static void hour(PipelineDriver pipeline, String user, String team, Instant hour, double usd, int calls) {
        hour(pipeline, Map.of(user, usd), team, hour, calls);
    }

    /** Each user's hour, {@code calls} calls each interleaved in time as they would come. */
    public static void hour(PipelineDriver pipeline, Map<String, Double> usdByUser, String team, Instant hour, int calls) {
        Duration every = Duration.ofHours(1).dividedBy(calls);
        for (int i = 0; i < calls; i++) {
            for (String user : new TreeMap<>(usdByUser).keySet()) {
                pipeline.pipe(call(user, team, hour.plus(every.multipliedBy(i)).plusSeconds(1), usdByUser.get(user) / calls));
            }
        }
    }

    /** 90%, 100% or 110% of {@code usd}, by the day of the month plus {@code salt}, modulo 3. */
    public static double wobble(double usd, LocalDate day, int salt) {
        return usd * (0.9 + 0.1 * ((day.getDayOfMonth() + salt) % 3));
    }

    public static boolean weekday(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5;
    }

    public static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    /** The BUDGET and SPIKE alerts emitted since the last read. */
    public static List<Alert> guardAlerts(PipelineDriver pipeline) {
        return pipeline.alerts.readValuesToList().stream()
                .filter(alert -> alert.getBudget() != null || alert.getSpike() != null).toList();
    }
}
