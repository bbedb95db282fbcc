package io.burnwatch.streams.guard;

import io.burnwatch.schema.Alert;
import io.burnwatch.streams.state.UsageTotals;

/** The usage figures a BUDGET or SPIKE alert carries for its window. */
public final class AlertFigures {

    private AlertFigures() {
    }

    /** Sets the window's calls, tokens by type and reported cost on {@code alert}, and returns it. */
    public static Alert.Builder usage(Alert.Builder alert, UsageTotals totals) {
        return alert.setCalls(totals.getRequests())
                .setInputTokens(totals.getInputTokens())
                .setOutputTokens(totals.getOutputTokens())
                .setCacheReadTokens(totals.getCacheReadTokens())
                .setCacheWriteTokens(totals.getCacheWriteTokens())
                .setReportedCostUsd(totals.getReportedCostUsd());
    }
}
