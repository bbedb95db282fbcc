package io.burnwatch.sim.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A budget given to the simulator as {@code SCOPE=USD/PERIOD}, e.g. {@code team:platform=2000/month}: thresholds
 * 50, 80 and 100%, with early warning, as the streams app's budget command sets by default.
 */
public final class BudgetFlag {

    public static final String FORMAT = "SCOPE=USD/PERIOD, e.g. team:platform=2000/month or user:alice=50/day";
    private static final Pattern SYNTAX = Pattern.compile("((?:team|user):[^=\\s]+)=([0-9]+(?:\\.[0-9]+)?)/(day|week|month)");
    private static final List<Integer> THRESHOLDS = List.of(50, 80, 100);

    private BudgetFlag() {
    }

    /** @throws IllegalArgumentException naming the expected {@link #FORMAT} */
    public static Budget parse(String text, Instant now) {
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches() || !(Double.parseDouble(matcher.group(2)) > 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a budget: write " + FORMAT);
        }
        return Budget.newBuilder()
                .setScope(matcher.group(1))
                .setAmountUsd(Double.parseDouble(matcher.group(2)))
                .setPeriod(BudgetPeriod.valueOf(matcher.group(3).toUpperCase(Locale.ROOT)))
                .setThresholdsPercent(THRESHOLDS)
                .setEarlyWarning(true)
                .setUpdatedAt(now)
                .build();
    }
}
