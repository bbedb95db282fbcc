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
        if (call.getCostUsd() != null) {
            Double sum = totals.getReportedCostUsd();
            totals.setReportedCostUsd(sum == null ? call.getCostUsd() : sum + call.getCostUsd());
        }
        return totals;
    }

    /** All four token kinds together: they are disjoint, so the sum counts each token once. */
    public static long tokens(UsageTotals totals) {
        return totals.getInputTokens() + totals.getOutputTokens()
                + totals.getCacheReadTokens() + totals.getCacheWriteTokens();
    }
}
