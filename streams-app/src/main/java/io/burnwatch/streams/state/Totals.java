package io.burnwatch.streams.state;

import io.burnwatch.schema.UsageEvent;

/** Arithmetic on {@link UsageTotals}, the sums of model calls that rollups and burn alerts share. */
public final class Totals {

    private Totals() {
    }

    public static UsageTotals empty() {
        return UsageTotals.newBuilder().build();
    }

    /** Adds one call to {@code totals} (in place) and returns it. */
    public static UsageTotals add(UsageTotals totals, UsageEvent call) {
        totals.setRequests(totals.getRequests() + 1);
        totals.setInputTokens(totals.getInputTokens() + call.getInputTokens());
        totals.setOutputTokens(totals.getOutputTokens() + call.getOutputTokens());
        totals.setCacheReadTokens(totals.getCacheReadTokens() + call.getCacheReadTokens());
        totals.setCacheWriteTokens(totals.getCacheWriteTokens() + call.getCacheWriteTokens());
        totals.setReportedCostUsd(sum(totals.getReportedCostUsd(), call.getCostUsd()));
        return totals;
    }

    /**
     * One call's totals with its computed cost: {@code costUsd} null means the call's model had no price, and its
     * tokens count as unpriced.
     */
    public static UsageTotals priced(UsageEvent call, Double costUsd) {
        UsageTotals one = add(empty(), call);
        if (costUsd == null) {
            one.setUnpricedTokens(tokens(one));
        } else {
            one.setComputedCostUsd(costUsd);
        }
        return one;
    }

    /** Adds {@code more} to {@code totals} (in place) and returns it. */
    public static UsageTotals merge(UsageTotals totals, UsageTotals more) {
        totals.setRequests(totals.getRequests() + more.getRequests());
        totals.setInputTokens(totals.getInputTokens() + more.getInputTokens());
        totals.setOutputTokens(totals.getOutputTokens() + more.getOutputTokens());
        totals.setCacheReadTokens(totals.getCacheReadTokens() + more.getCacheReadTokens());
        totals.setCacheWriteTokens(totals.getCacheWriteTokens() + more.getCacheWriteTokens());
        totals.setReportedCostUsd(sum(totals.getReportedCostUsd(), more.getReportedCostUsd()));
        totals.setComputedCostUsd(sum(totals.getComputedCostUsd(), more.getComputedCostUsd()));
        totals.setUnpricedTokens(totals.getUnpricedTokens() + more.getUnpricedTokens());
        return totals;
    }

    /** All four token kinds together: they are disjoint, so the sum counts each token once. */
    public static long tokens(UsageTotals totals) {
        return totals.getInputTokens() + totals.getOutputTokens()
                + totals.getCacheReadTokens() + totals.getCacheWriteTokens();
    }

    /** All four token kinds of one call. */
    public static long tokens(UsageEvent call) {
        return call.getInputTokens() + call.getOutputTokens() + call.getCacheReadTokens() + call.getCacheWriteTokens();
    }

    /** Null stands for "nothing yet", so it is no addend. */
    private static Double sum(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}
