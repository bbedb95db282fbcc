package io.burnwatch.streams.guard;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.ledger.LedgerEntries;
import io.burnwatch.streams.state.EntryKind;
import io.burnwatch.streams.state.LedgerEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * One call as budgets and spikes count it. Its cost is the ledger's, at burnwatch's prices; a call whose model has
 * no price counts at the cost its provider reported, and at nothing if it reported none.
 *
 * @param team the team the ledger counts the call for ({@link LedgerEntries#NO_TEAM} without a team_id)
 */
public record Spend(UsageEvent call, String team, double usd) {

    /** The call of a ledger entry; empty for an outcome. */
    public static Optional<Spend> of(LedgerEntry entry) {
        if (entry == null || entry.getKind() != EntryKind.CALL) {
            return Optional.empty();
        }
        UsageEvent call = (UsageEvent) LedgerEntries.event(entry);
        Double usd = entry.getComputedCostUsd() != null ? entry.getComputedCostUsd() : call.getCostUsd();
        return Optional.of(new Spend(call, entry.getTeam(), usd == null ? 0 : usd));
    }

    public Instant ts() {
        return call.getTs();
    }

    public String userId() {
        return call.getUserId();
    }

    /** The team, or null when the call had none. */
    public String teamOrNull() {
        return LedgerEntries.NO_TEAM.equals(team) ? null : team;
    }
}
