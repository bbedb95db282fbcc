package io.burnwatch.streams.alert;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.UsageTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** A session's calls within a window, summed into the evidence an alert carries. */
final class BurnTally {

    private final UsageTotals totals = Totals.empty();
    private final SortedSet<String> models = new TreeSet<>();
    private String client;
    private String repo;
    private String team;

    /** Consumes (and closes) {@code calls}, which a window store yields in event-time order. */
    static BurnTally of(WindowStoreIterator<UsageEvent> calls) {
        BurnTally tally = new BurnTally();
        try (calls) {
            while (calls.hasNext()) {
                KeyValue<Long, UsageEvent> call = calls.next();
                tally.add(call.value);
            }
        }
        return tally;
    }

    private void add(UsageEvent call) {
        Totals.add(totals, call);
        models.add(call.getModel());
        // The latest call names the session's current client, repo and team.
        client = call.getClient() != null ? call.getClient() : client;
        repo = call.getRepo() != null ? call.getRepo() : repo;
        team = call.getTeamId() != null ? call.getTeamId() : team;
    }

    UsageTotals totals() {
        return totals;
    }

    long tokens() {
        return Totals.tokens(totals);
    }

    List<String> models() {
        return new ArrayList<>(models);
    }

    String client() {
        return client;
    }

    String repo() {
        return repo;
    }

    String team() {
        return team;
    }
}
