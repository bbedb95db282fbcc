package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records each outcome by what it names (see {@link Attribution}) and lets the user's watched sessions react: an
 * open alert the outcome counts for resolves, a pending burn is called off.
 */
final class OutcomeAttributor implements Processor<String, OutcomeEvent, String, Alert> {

    private final IdleEpisodes episodes;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SessionBurn> sessions;
    private KeyValueStore<String, UserOutcomes> userOutcomes;

    OutcomeAttributor(IdleRule rule) {
        this.episodes = new IdleEpisodes(rule);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.sessions = context.getStateStore(IdleStores.SESSIONS);
        this.userOutcomes = context.getStateStore(IdleStores.USER_OUTCOMES);
    }

    @Override
    public void process(Record<String, OutcomeEvent> record) {
        OutcomeEvent outcome = record.value();
        if (outcome == null) {
            return;
        }
        String user = outcome.getUserId();
        UserOutcomes outcomes = userOutcomes.get(user);
        if (outcomes == null) {
            outcomes = Attribution.fresh();
        }
        Attribution.record(outcomes, outcome);
        userOutcomes.put(user, outcomes);
        if (outcome.getSessionId() != null) {
            recordForFamily(user, outcome);
        }

        List<KeyValue<String, SessionBurn>> watched = new ArrayList<>();
        try (KeyValueIterator<String, SessionBurn> own = sessions.prefixScan(IdleStores.userPrefix(user), new StringSerializer())) {
            own.forEachRemaining(entry -> {
                if (entry.value.getEpisode() != null || entry.value.getPendingSince() != null) {
                    watched.add(entry);
                }
            });
        }
        for (KeyValue<String, SessionBurn> entry : watched) {
            Optional<Alert> alert = episodes.afterOutcome(entry.value, outcomes, outcome);
            sessions.put(entry.key, entry.value);
            alert.ifPresent(resolved -> context.forward(new Record<>(resolved.getAlertId(), resolved,
                    resolved.getTs().toEpochMilli())));
        }
    }

    /** The named session, and its family's root, remember the outcome; a session not seen yet is started. */
    private void recordForFamily(String user, OutcomeEvent outcome) {
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
        }
    }
}
