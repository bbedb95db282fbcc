package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records each outcome by what it names (see {@link Attribution}) and lets the user's sessions react: the evidence
 * of every session it counts for starts again at it, and an open alert it counts for resolves.
 */
final class OutcomeAttributor {

    private final IdleEpisodes episodes;
    private final KeyValueStore<String, SessionBurn> sessions;
    private final KeyValueStore<String, UserOutcomes> userOutcomes;
    private final Consumer<Alert> alerts;

    OutcomeAttributor(IdleRule rule, KeyValueStore<String, SessionBurn> sessions,
                      KeyValueStore<String, UserOutcomes> userOutcomes, Consumer<Alert> alerts) {
        this.episodes = new IdleEpisodes(rule);
        this.sessions = sessions;
        this.userOutcomes = userOutcomes;
        this.alerts = alerts;
    }

    void outcome(OutcomeEvent outcome) {
        String user = outcome.getUserId();
        UserOutcomes outcomes = userOutcomes.get(user);
        if (outcomes == null) {
            outcomes = Attribution.fresh();
        }
        Attribution.record(outcomes, outcome);
        userOutcomes.put(user, outcomes);
        String namedRoot = outcome.getSessionId() == null ? null : recordForFamily(user, outcome);

        List<KeyValue<String, SessionBurn>> own = new ArrayList<>();
        try (KeyValueIterator<String, SessionBurn> all = sessions.prefixScan(IdleStores.userPrefix(user), new StringSerializer())) {
            all.forEachRemaining(own::add);
        }
        for (KeyValue<String, SessionBurn> entry : own) {
            SessionBurn session = entry.value;
            boolean counts = Attribution.countsFor(session, outcome, namedRoot);
            if (counts) {
                Attribution.restartEvidence(session, outcome);
            }
            episodes.afterOutcome(session, outcomes, outcome, counts).ifPresent(alerts);
            if (counts) {
                sessions.put(entry.key, session);
            }
        }
    }

    /**
     * The named session, and its family's root, remember the outcome; a session not seen yet is started. Returns
     * the root of the named session's family.
     */
    private String recordForFamily(String user, OutcomeEvent outcome) {
        String namedKey = IdleStores.sessionKey(user, outcome.getSessionId());
        SessionBurn named = sessions.get(namedKey);
        if (named == null) {
            named = SessionBurns.fresh(user, outcome.getSessionId());
        }
        Attribution.recordForFamily(named, outcome);
        sessions.put(namedKey, named);
        if (SessionBurns.isSubagent(named)) {
            String rootKey = IdleStores.sessionKey(user, named.getRootSessionId());
            SessionBurn root = sessions.get(rootKey);
            if (root != null) {
                Attribution.recordForFamily(root, outcome);
                sessions.put(rootKey, root);
            }
            return named.getRootSessionId();
        }
        return named.getSessionId();
    }
}
