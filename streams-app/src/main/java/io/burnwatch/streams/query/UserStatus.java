package io.burnwatch.streams.query;

import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.UsageTotals;
import io.burnwatch.streams.state.WindowTally;
import java.time.LocalDate;
import java.util.List;

/**
 * What a user is burning: their UTC day so far (the ledger's open USER day window; zeros when they have no call or
 * outcome yet today), their open alerts, and their sessions with agent calls in the trailing idle window.
 *
 * @param costUsd the day's calls at burnwatch's prices; null when none had a price
 */
public record UserStatus(String userId, LocalDate day, long requests, Double costUsd, Double reportedCostUsd,
                         long unpricedTokens, Tokens tokens, long sessions, long commits, long prsMerged,
                         List<AlertView> openAlerts, List<BurningSession> burningSessions) {

    public record Tokens(long input, long output, long cacheRead, long cacheWrite, long total) {

        static Tokens of(UsageTotals totals) {
            return new Tokens(totals.getInputTokens(), totals.getOutputTokens(), totals.getCacheReadTokens(),
                    totals.getCacheWriteTokens(), Totals.tokens(totals));
        }
    }

    static UserStatus of(String userId, LocalDate day, WindowTally today, List<AlertView> openAlerts,
                         List<BurningSession> burning) {
        UsageTotals totals = today.getTotals();
        return new UserStatus(userId, day, totals.getRequests(), totals.getComputedCostUsd(),
                totals.getReportedCostUsd(), totals.getUnpricedTokens(), Tokens.of(totals), today.getSessions(),
                today.getCommits(), today.getPrsMerged(), openAlerts, burning);
    }
}
