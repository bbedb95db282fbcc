package io.burnwatch.streams.query;

import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.UsageTotals;
import io.burnwatch.streams.state.WindowTally;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the leaderboard ranks users by in their UTC day. By cost or tokens, the most first; by cost per merged pull
 * request, the least first, among users with a merged PR and priced calls: what the burn produced.
 */
public enum Ranking {
    COST(false), TOKENS(false), COST_PER_MERGED_PR(true);

    private final boolean leastFirst;

    Ranking(boolean leastFirst) {
        this.leastFirst = leastFirst;
    }

    /** The parameter's value, e.g. {@code cost_per_merged_pr}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Ranking parse(String value) {
        for (Ranking ranking : values()) {
            if (ranking.parameter().equals(value)) {
                return ranking;
            }
        }
        throw QueryException.badParameter("by", value, "one of " + Arrays.stream(values()).map(Ranking::parameter)
                .collect(Collectors.joining(", ")));
    }

    /** The user's score for the day, or null when this ranking does not rank them. */
    Double score(WindowTally day) {
        UsageTotals totals = day.getTotals();
        Double cost = totals.getComputedCostUsd();
        return switch (this) {
            case COST -> cost == null ? 0 : cost;
            case TOKENS -> (double) Totals.tokens(totals);
            case COST_PER_MERGED_PR -> cost == null || day.getPrsMerged() == 0 ? null : cost / day.getPrsMerged();
        };
    }

    /** Best first; ties by user id, so every instance orders alike. */
    Comparator<Leaderboard.Entry> order() {
        Comparator<Leaderboard.Entry> byScore = Comparator.comparingDouble(Leaderboard.Entry::score);
        return (leastFirst ? byScore : byScore.reversed()).thenComparing(Leaderboard.Entry::userId);
    }
}
