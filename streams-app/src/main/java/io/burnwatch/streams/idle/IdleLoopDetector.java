package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.cost.CallCost;
import io.burnwatch.streams.cost.PriceBook;
import io.burnwatch.streams.cost.PriceStore;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each agent call to its session's burn and, for a subagent, to its family's root; runs the root's episode
 * (see {@link IdleEpisodes}). Every minute of stream time it opens confirmed burns, resolves quiet episodes and
 * forgets sessions and outcomes past the retention.
 */
final class IdleLoopDetector implements Processor<String, UsageEvent, String, Alert> {

    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final IdleRule rule;
    private final IdleEpisodes episodes;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SessionBurn> sessions;
    private KeyValueStore<String, UserOutcomes> userOutcomes;
    private PriceBook prices;

    IdleLoopDetector(IdleRule rule) {
        this.rule = rule;
        this.episodes = new IdleEpisodes(rule);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.sessions = context.getStateStore(IdleStores.SESSIONS);
        this.userOutcomes = context.getStateStore(IdleStores.USER_OUTCOMES);
        KeyValueStore<String, ModelPrices> priceStore = context.getStateStore(PriceStore.NAME);
        this.prices = new PriceBook(priceStore::get);
        context.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, UsageEvent> record) {
        UsageEvent call = record.value();
        if (call == null) {
            return;
        }
        String user = call.getUserId();
        Double cost = costOf(call);
        String ownKey = IdleStores.sessionKey(user, call.getSessionId());
        SessionBurn own = sessions.get(ownKey);
        boolean firstCall = own == null || own.getFirstCallTs() == 0;
        if (own == null) {
            own = SessionBurns.fresh(user, call.getSessionId());
        }
        String parent = call.getParentSessionId();
        if (firstCall && own.getRootSessionId() == null && parent != null && !parent.equals(call.getSessionId())) {
            SessionBurn parentState = sessions.get(IdleStores.sessionKey(user, parent));
            own.setRootSessionId(parentState != null && parentState.getRootSessionId() != null
                    ? parentState.getRootSessionId() : parent);
        }
        UserOutcomes outcomes = userOutcomes.get(user);
        SessionBurn root = own;
        if (SessionBurns.isSubagent(own)) {
            root = sessions.get(IdleStores.sessionKey(user, own.getRootSessionId()));
            if (root == null) {
                root = SessionBurns.fresh(user, own.getRootSessionId());
            }
            if (firstCall) {
                root.setSubagents(root.getSubagents() + 1);
            }
        }
        if (call.getInitiator() == Initiator.AGENT) {
            episodes.quietBy(root, outcomes, call.getTs().toEpochMilli()).ifPresent(this::forward);
        }
        SessionBurns.add(own, call, cost, rule.windowMinutes(), true);
        if (root != own) {
            SessionBurns.add(root, call, cost, rule.windowMinutes(), false);
            sessions.put(ownKey, own);
        }
        episodes.afterCall(root, call, cost, outcomes).ifPresent(this::forward);
        sessions.put(IdleStores.sessionKey(user, root.getSessionId()), root);
    }

    /** The provider's reported cost when there is one, else the call at burnwatch's price; null if neither. */
    private Double costOf(UsageEvent call) {
        if (call.getCostUsd() != null) {
            return call.getCostUsd();
        }
        return prices.priceOf(call.getModel(), call.getTs()).map(price -> CallCost.usd(call, price)).orElse(null);
    }

    private void sweep(long streamTime) {
        List<KeyValue<String, SessionBurn>> changed = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, SessionBurn> all = sessions.all()) {
            while (all.hasNext()) {
                KeyValue<String, SessionBurn> entry = all.next();
                SessionBurn session = entry.value;
                if (session.getEpisode() != null || session.getPendingSince() != null) {
                    Long pendingBefore = session.getPendingSince();
                    Optional<Alert> alert = episodes.atStreamTime(session, userOutcomes.get(session.getUserId()), streamTime);
                    alert.ifPresent(this::forward);
                    if (alert.isPresent() || !Objects.equals(pendingBefore, session.getPendingSince())) {
                        changed.add(entry);
                    }
                } else if (episodes.forgettable(session, streamTime)) {
                    forgotten.add(entry.key);
                }
            }
        }
        changed.forEach(entry -> sessions.put(entry.key, entry.value));
        forgotten.forEach(sessions::delete);

        List<String> usersForgotten = new ArrayList<>();
        try (KeyValueIterator<String, UserOutcomes> all = userOutcomes.all()) {
            while (all.hasNext()) {
                KeyValue<String, UserOutcomes> entry = all.next();
                if (Attribution.expired(entry.value, streamTime, rule.retentionMs())) {
                    usersForgotten.add(entry.key);
                }
            }
        }
        usersForgotten.forEach(userOutcomes::delete);
    }

    private void forward(Alert alert) {
        context.forward(new Record<>(alert.getAlertId(), alert, alert.getTs().toEpochMilli()));
    }
}
