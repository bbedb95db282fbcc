package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.streams.guard.Ring;
import io.burnwatch.streams.guard.SparseRing;
import io.burnwatch.streams.guard.Spend;
import io.burnwatch.streams.state.BudgetState;
import io.burnwatch.streams.state.PeriodSpend;
import io.burnwatch.streams.state.RecentSpend;
import io.burnwatch.streams.state.Totals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A scope's spend as budgets need it, kept whether or not the scope has a budget, so that a budget set mid-period
 * counts what was spent since the period began: the current UTC day, week and month and the current 5-minute
 * bucket, in a {@link BudgetState} of about 200 bytes written on every call; and the closed buckets of the last 6
 * hours, for the burn rates, in a {@link RecentSpend} written only when a bucket closes with spend in it.
 */
final class Spending {

    static final Duration BUCKET = Duration.ofMinutes(5);
    static final Duration RECENT = Duration.ofHours(6);
    static final int BUCKETS = (int) (RECENT.toMillis() / BUCKET.toMillis());

    private final KeyValueStore<String, BudgetState> current;
    private final KeyValueStore<String, RecentSpend> closed;

    Spending(KeyValueStore<String, BudgetState> current, KeyValueStore<String, RecentSpend> closed) {
        this.current = current;
        this.closed = closed;
    }

    /**
     * Adds a call to the periods and the bucket it lies in, and returns the scope's spend. A call later than a
     * period starts the next period of that kind; a call from a period already over counts in the ledger's
     * rollups, but against no budget.
     */
    BudgetState add(String scope, Spend spend) {
        BudgetState state = current.get(scope);
        if (state == null) {
            state = start(spend.ts());
        } else if (!state.getRecentUsd().isEmpty()) {
            moveRing(scope, state);
        }
        addToPeriods(state, spend);
        long n = bucket(spend.ts());
        long latest = state.getRecentBucket();
        if (n == latest) {
            state.setCurrentUsd(state.getCurrentUsd() + spend.usd());
        } else if (n > latest) {
            if (state.getCurrentUsd() != 0d && SparseRing.counts(latest, n, BUCKETS)) {
                addClosed(scope, latest, state.getCurrentUsd(), n);
            }
            state.setRecentBucket(n);
            state.setCurrentUsd(spend.usd());
        } else if (SparseRing.counts(n, latest, BUCKETS) && spend.usd() != 0d) {
            addClosed(scope, n, spend.usd(), latest);
        }
        current.put(scope, state);
        return state;
    }

    /** The closed buckets the burn rates need besides {@code state}'s current one. */
    RecentSpend recent(String scope) {
        RecentSpend recent = closed.get(scope);
        return recent == null ? RecentSpend.newBuilder().setBuckets(new ArrayList<>()).build() : recent;
    }

    static PeriodSpend in(BudgetState state, BudgetPeriod period) {
        return switch (period) {
            case DAY -> state.getDay();
            case WEEK -> state.getWeek();
            case MONTH -> state.getMonth();
        };
    }

    /** USD per hour over the {@code span} (a multiple of 5 minutes, at most 6 hours) up to and including {@code at}'s bucket. */
    static double ratePerHour(BudgetState state, RecentSpend recent, Duration span, Instant at) {
        long latest = state.getRecentBucket();
        double usd = 0;
        for (long b = bucket(at) - span.toMillis() / BUCKET.toMillis() + 1; b <= bucket(at); b++) {
            usd += b == latest ? state.getCurrentUsd() : SparseRing.get(recent.getBuckets(), b, latest, BUCKETS);
        }
        return usd / (span.toMillis() / 3_600_000d);
    }

    static BudgetState start(Instant at) {
        return BudgetState.newBuilder()
                .setDay(period(BudgetPeriod.DAY, at))
                .setWeek(period(BudgetPeriod.WEEK, at))
                .setMonth(period(BudgetPeriod.MONTH, at))
                .setRecentUsd(new ArrayList<>())
                .setRecentBucket(bucket(at))
                .setCurrentUsd(0)
                .build();
    }

    private void addClosed(String scope, long n, double usd, long latest) {
        RecentSpend recent = recent(scope);
        recent.setBuckets(SparseRing.add(recent.getBuckets(), n, usd, latest, BUCKETS));
        closed.put(scope, recent);
    }

    /** A state written when the buckets were a 72-slot ring in it: the ring's closed buckets move to their store. */
    private void moveRing(String scope, BudgetState state) {
        List<Double> ring = state.getRecentUsd();
        long latest = state.getRecentBucket();
        RecentSpend recent = recent(scope);
        for (long n = latest - BUCKETS + 1; n < latest; n++) {
            recent.setBuckets(SparseRing.add(recent.getBuckets(), n, Ring.get(ring, latest, n), latest, BUCKETS));
        }
        closed.put(scope, recent);
        state.setCurrentUsd(Ring.get(ring, latest, latest));
        state.setRecentUsd(new ArrayList<>());
    }

    private static void addToPeriods(BudgetState state, Spend spend) {
        for (BudgetPeriod period : BudgetPeriod.values()) {
            PeriodSpend spent = in(state, period);
            Instant start = Periods.start(period, spend.ts());
            if (start.isAfter(spent.getStart())) {
                spent = period(period, spend.ts());
                set(state, period, spent);
            }
            if (start.equals(spent.getStart())) {
                spent.setUsd(spent.getUsd() + spend.usd());
                Totals.add(spent.getTotals(), spend.call());
            }
        }
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
