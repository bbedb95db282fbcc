package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.streams.guard.GuardText;
import io.burnwatch.streams.guard.Scope;
import java.util.Optional;

/**
 * What makes a budget record valid: a scope as key and in the value, an amount from $0.01 to $1,000,000,000,
 * thresholds from 1 to 1000%.
 */
public final class Budgets {

    public static final int MAX_THRESHOLD = 1000;
    /** A cent: less is no budget anyone means, and would alert on every call. */
    public static final double MIN_AMOUNT_USD = 0.01;
    /** A billion dollars a period: more is a typo, or a budget that can never alert. */
    public static final double MAX_AMOUNT_USD = 1_000_000_000;
    /** "from $0.01 to $1,000,000,000", for messages. */
    public static final String AMOUNT_RANGE = "from " + GuardText.usd(MIN_AMOUNT_USD) + " to "
            + String.format(java.util.Locale.ROOT, "$%,.0f", MAX_AMOUNT_USD);

    private Budgets() {
    }

    /** Why {@code budget} keyed by {@code key} cannot be used, and how to fix it; empty if it can. */
    public static Optional<String> problem(String key, Budget budget) {
        if (Scope.parse(key).isEmpty()) {
            return Optional.of("key '" + key + "' is not a scope: key a budget by " + Scope.FORMAT);
        }
        if (!key.equals(budget.getScope())) {
            return Optional.of("scope '" + budget.getScope() + "' differs from the key '" + key + "': write the key's scope in both");
        }
        double amount = budget.getAmountUsd();
        if (!isAmount(amount)) {
            return Optional.of("amount_usd " + amount + " is not an amount " + AMOUNT_RANGE
                    + ": give the USD the scope may spend per period");
        }
        for (int threshold : budget.getThresholdsPercent()) {
            if (threshold < 1 || threshold > MAX_THRESHOLD) {
                return Optional.of("threshold " + threshold + "% is not from 1 to " + MAX_THRESHOLD + "%: e.g. 50, 80, 100");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code usd} is a budget's amount: finite, from {@link #MIN_AMOUNT_USD} to {@link #MAX_AMOUNT_USD}. */
    public static boolean isAmount(double usd) {
        return usd >= MIN_AMOUNT_USD && usd <= MAX_AMOUNT_USD;
    }
}
