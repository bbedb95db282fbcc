package io.burnwatch.streams.ledger;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.EntryKind;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.UserTeam;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Outcomes carry no team: each counts for the team of its user's latest call (by ts), which this processor keeps
 * per user on the user-keyed stream. An outcome of a user with no call yet counts for {@link LedgerEntries#NO_TEAM}.
 * The stored ts moves only when the team changes or by a minute at least, which spares a write per call: a call of
 * another team stamped within that minute before the latest call can then pass for the latest.
 */
final class TeamOfUser implements FixedKeyProcessor<String, LedgerEntry, LedgerEntry> {

    static final String STORE = "ledger-team-of-user";
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private FixedKeyProcessorContext<String, LedgerEntry> context;
    private KeyValueStore<String, UserTeam> teams;

    static StoreBuilder<KeyValueStore<String, UserTeam>> store(BurnwatchSerdes serdes) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), serdes.string(), serdes.userTeam());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LedgerEntry> context) {
        this.context = context;
        this.teams = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, LedgerEntry> record) {
        LedgerEntry entry = record.value();
        String user = record.key();
        if (entry.getKind() == EntryKind.CALL) {
            UsageEvent call = (UsageEvent) LedgerEntries.event(entry);
            UserTeam latest = teams.get(user);
            if (isNewLatest(latest, call.getTs(), entry.getTeam())) {
                teams.put(user, new UserTeam(entry.getTeam(), call.getTs()));
            }
        } else {
            UserTeam latest = teams.get(user);
            entry.setTeam(latest == null ? LedgerEntries.NO_TEAM : latest.getTeam());
        }
        context.forward(record.withValue(entry));
    }

    /** Whether a call of {@code team} at {@code ts} is to be stored as the user's latest. */
    private static boolean isNewLatest(UserTeam latest, Instant ts, String team) {
        if (latest == null) {
            return true;
        }
        if (ts.isBefore(latest.getTs())) {
            return false;
        }
        return !latest.getTeam().toString().equals(team) || !ts.isBefore(latest.getTs().plus(REFRESH));
    }
}
