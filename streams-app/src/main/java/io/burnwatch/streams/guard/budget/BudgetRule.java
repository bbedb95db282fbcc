package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.streams.config.BurnwatchConfig;
import java.util.List;
import java.util.TreeSet;

/**
 * How budgets are checked: the thresholds of a budget that lists none, and how much of a budget must be spent
 * before a forecast may raise an early warning (so that the first minutes of a period do not).
 */
public record BudgetRule(List<Integer> defaultThresholds, double earlyWarningMinPercent) {

    public static BudgetRule from(BurnwatchConfig config) {
        return new BudgetRule(config.budgetDefaultThresholds(), config.budgetEarlyWarningMinPercent());
    }

    /** The budget's thresholds in percent, ascending and distinct; the defaults if it lists none. */
    public List<Integer> thresholds(Budget budget) {
        List<Integer> listed = budget.getThresholdsPercent();
        return listed == null || listed.isEmpty() ? defaultThresholds : List.copyOf(new TreeSet<>(listed));
    }
}
