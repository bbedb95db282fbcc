package io.burnwatch.streams.ledger;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.state.EntryKind;
import io.burnwatch.streams.state.LedgerEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Wraps events into {@link LedgerEntry}s and back. The event travels in Avro's single-object encoding, which the
 * generated classes write and read themselves, so an entry carries it whole to the late topic.
 */
public final class LedgerEntries {

    /** The team of a call without a team_id, and of an outcome whose user has no call yet. */
    public static final String NO_TEAM = "(none)";

    /**
     * The entry this thread last wrapped or read, with its event: the processors after the pricer (team of user,
     * the user's windows, budgets) all read the event of one entry in turn, so each entry is decoded at most once
     * per sub-topology instead of once per reader. Events are not changed once read.
     */
    private static final ThreadLocal<Decoded> LAST = new ThreadLocal<>();

    private record Decoded(LedgerEntry entry, SpecificRecord event) {
    }

    private LedgerEntries() {
    }

    public static LedgerEntry call(UsageEvent call, Double computedCostUsd) {
        try {
            LedgerEntry entry = LedgerEntry.newBuilder()
                    .setKind(EntryKind.CALL)
                    .setEvent(call.toByteBuffer())
                    .setTeam(teamOf(call))
                    .setComputedCostUsd(computedCostUsd)
                    .build();
            LAST.set(new Decoded(entry, call));
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An outcome, counted for {@link #NO_TEAM} until its user's team is known. */
    public static LedgerEntry outcome(OutcomeEvent outcome) {
        try {
            return LedgerEntry.newBuilder()
                    .setKind(EntryKind.OUTCOME)
                    .setEvent(outcome.toByteBuffer())
                    .setTeam(NO_TEAM)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String teamOf(UsageEvent call) {
        return call.getTeamId() == null ? NO_TEAM : call.getTeamId();
    }

    /** The entry's event: a {@link UsageEvent} or an {@link OutcomeEvent}. */
    public static SpecificRecord event(LedgerEntry entry) {
        Decoded last = LAST.get();
        if (last != null && last.entry() == entry) {
            return last.event();
        }
        ByteBuffer bytes = entry.getEvent().duplicate();
        try {
            SpecificRecord event = entry.getKind() == EntryKind.CALL
                    ? UsageEvent.fromByteBuffer(bytes) : OutcomeEvent.fromByteBuffer(bytes);
            LAST.set(new Decoded(entry, event));
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + entry.getKind() + " of a ledger entry", e);
        }
    }
}
