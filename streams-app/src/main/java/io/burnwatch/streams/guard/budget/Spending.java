package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.streams.guard.Ring;
import io.burnwatch.streams.guard.Spend;
import io.burnwatch.streams.state.BudgetState;
import io.burnwatch.streams.state.PeriodSpend;
import io.burnwatch.streams.state.Totals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;

/**
 * A scope's spend as budgets need it, kept whether or not the scope has a budget, so that a budget set mid-period
 * counts what was spent since the period began: the current UTC day, week and month, and 5-minute buckets over
 * the last 6 hours for the burn rates. About 700 bytes per scope.
 */
final class Spending {

    static final Duration BUCKET = Duration.ofMinutes(5);
    static final Duration RECENT = Duration.ofHours(6);
    static final int BUCKETS = (int) (RECENT.toMillis() / BUCKET.toMillis());

    private Spending() {
    }

    static BudgetState start(Instant at) {
        return BudgetState.newBuilder()
                .setDay(period(BudgetPeriod.DAY, at))
                .setWeek(period(BudgetPeriod.WEEK, at))
                .setMonth(period(BudgetPeriod.MONTH, at))
                .setRecentUsd(new ArrayList<>(Collections.nCopies(BUCKETS, 0d)))
                .setRecentBucket(bucket(at))
                .build();
    }

    /**
     * Adds a call to the periods it lies in. A call later than a period starts the next period of that kind; a call
     * from a period already over counts in the ledger's rollups, but against no budget.
     */
    static void add(BudgetState state, Spend spend) {
        for (BudgetPeriod period : BudgetPeriod.values()) {
            PeriodSpend current = in(state, period);
            Instant start = Periods.start(period, spend.ts());
            if (start.isAfter(current.getStart())) {
                current = period(period, spend.ts());
                set(state, period, current);
            }
            if (start.equals(current.getStart())) {
                current.setUsd(current.getUsd() + spend.usd());
                Totals.add(current.getTotals(), spend.call());
            }
        }
        state.setRecentBucket(Ring.add(state.getRecentUsd(), state.getRecentBucket(), bucket(spend.ts()), spend.usd()));
    }

    static PeriodSpend in(BudgetState state, BudgetPeriod period) {
        return switch (period) {
            case DAY -> state.getDay();
            case WEEK -> state.getWeek();
            case MONTH -> state.getMonth();
        };
    }

    /** USD per hour over the {@code span} (a multiple of 5 minutes, at most 6 hours) up to and including {@code at}'s bucket. */
    static double ratePerHour(BudgetState state, Duration span, Instant at) {
        double usd = 0;
        for (long b = bucket(at) - span.toMillis() / BUCKET.toMillis() + 1; b <= bucket(at); b++) {
            usd += Ring.get(state.getRecentUsd(), state.getRecentBucket(), b);
        }
        return usd / (span.toMillis() / 3_600_000d);
    }

    private static PeriodSpend period(BudgetPeriod period, Instant at) {
        return PeriodSpend.newBuilder().setStart(Periods.start(period, at)).setUsd(0).setTotals(Totals.empty()).build();
    }

    private static void set(BudgetState state, BudgetPeriod period, PeriodSpend spend) {
        switch (period) {
            case DAY -> state.setDay(spend);
            case WEEK -> state.setWeek(spend);
            case MONTH -> state.setMonth(spend);
        }
    }

    private static long bucket(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), BUCKET.toMillis());
    }
}
