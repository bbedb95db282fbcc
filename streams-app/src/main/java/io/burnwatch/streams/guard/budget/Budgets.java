package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.streams.guard.Scope;
import java.util.Optional;

/** What makes a budget record valid: a scope as key and in the value, a positive amount, thresholds from 1 to 1000%. */
public final class Budgets {

    public static final int MAX_THRESHOLD = 1000;

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
        if (!(amount > 0) || Double.isInfinite(amount)) {
            return Optional.of("amount_usd " + amount + " is not a positive amount: give the USD the scope may spend per period");
        }
        for (int threshold : budget.getThresholdsPercent()) {
            if (threshold < 1 || threshold > MAX_THRESHOLD) {
                return Optional.of("threshold " + threshold + "% is not from 1 to " + MAX_THRESHOLD + "%: e.g. 50, 80, 100");
            }
        }
        return Optional.empty();
    }
}
