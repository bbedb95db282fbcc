package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.UsageTotals;
import io.burnwatch.streams.state.WindowTally;
import java.time.Instant;

/** Arithmetic on {@link WindowTally}, and the rollup a closed window becomes. */
final class Tallies {

    private Tallies() {
    }

    static WindowTally empty() {
        return WindowTally.newBuilder().setTotals(Totals.empty()).build();
    }

    /**
     * Counts an outcome in {@code tally}, in place. Lines count from commits only: a pull request's lines are its
     * commits' lines, so counting both would count them twice. Reviews and deploys add nothing.
     */
    static void addOutcome(WindowTally tally, OutcomeEvent outcome) {
        switch (outcome.getKind()) {
            case COMMIT -> {
                tally.setCommits(tally.getCommits() + 1);
                tally.setLinesAdded(tally.getLinesAdded() + outcome.getLinesAdded());
                tally.setLinesRemoved(tally.getLinesRemoved() + outcome.getLinesRemoved());
            }
            case PR_OPENED -> tally.setPrsOpened(tally.getPrsOpened() + 1);
            case PR_MERGED -> tally.setPrsMerged(tally.getPrsMerged() + 1);
            default -> {
                // REVIEW and DEPLOY have no column in the rollup.
            }
        }
    }

    /** Adds {@code more} to {@code tally}, in place, and returns it. */
    static WindowTally merge(WindowTally tally, WindowTally more) {
        Totals.merge(tally.getTotals(), more.getTotals());
        tally.setSessions(tally.getSessions() + more.getSessions());
        tally.setCommits(tally.getCommits() + more.getCommits());
        tally.setPrsOpened(tally.getPrsOpened() + more.getPrsOpened());
        tally.setPrsMerged(tally.getPrsMerged() + more.getPrsMerged());
        tally.setLinesAdded(tally.getLinesAdded() + more.getLinesAdded());
        tally.setLinesRemoved(tally.getLinesRemoved() + more.getLinesRemoved());
        return tally;
    }

    static RollupKey key(Dimension dimension, String value, long start) {
        return new RollupKey(dimension, value, Instant.ofEpochMilli(start));
    }

    static UsageRollup rollup(Dimension dimension, String value, WindowSize size, long start, WindowTally tally) {
        UsageTotals totals = tally.getTotals();
        long tokens = Totals.tokens(totals);
        Double cost = totals.getComputedCostUsd();
        return UsageRollup.newBuilder()
                .setDimension(dimension)
                .setDimensionValue(value)
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(start + size.millis()))
                .setRequests(totals.getRequests())
                .setInputTokens(totals.getInputTokens())
                .setOutputTokens(totals.getOutputTokens())
                .setCacheReadTokens(totals.getCacheReadTokens())
                .setCacheWriteTokens(totals.getCacheWriteTokens())
                .setReportedCostUsd(totals.getReportedCostUsd())
                .setComputedCostUsd(cost)
                .setUnpricedTokens(totals.getUnpricedTokens())
                .setSessions(tally.getSessions())
                .setCommits(tally.getCommits())
                .setPrsOpened(tally.getPrsOpened())
                .setPrsMerged(tally.getPrsMerged())
                .setLinesAdded(tally.getLinesAdded())
                .setLinesRemoved(tally.getLinesRemoved())
                .setTokensPerCommit(tally.getCommits() == 0 ? null : (double) tokens / tally.getCommits())
                .setCostPerMergedPr(tally.getPrsMerged() == 0 || cost == null ? null : cost / tally.getPrsMerged())
                .build();
    }
}
