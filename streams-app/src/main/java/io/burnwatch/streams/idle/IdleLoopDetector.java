package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.cost.CallCost;
import io.burnwatch.streams.cost.PriceBook;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each agent call to its session's burn and, for a subagent, to its family's root; runs the root's episode
 * (see {@link IdleEpisodes}). Swept every minute of event time, it opens confirmed burns, resolves quiet episodes
 * and forgets sessions and outcomes past the retention.
 */
final class IdleLoopDetector {

    /** How long a user's outcome baseline is kept after their last outcome. */
    static final long BASELINE_RETENTION_MS = Duration.ofDays(14).toMillis();

    private final IdleRule rule;
    private final IdleEpisodes episodes;
    private final KeyValueStore<String, SessionBurn> sessions;
    private final KeyValueStore<String, UserOutcomes> userOutcomes;
    private final PriceBook prices;
    private final Consumer<Alert> alerts;
    private long lastUserSweepHour = Long.MIN_VALUE;

    IdleLoopDetector(IdleRule rule, KeyValueStore<String, SessionBurn> sessions,
                     KeyValueStore<String, UserOutcomes> userOutcomes, PriceBook prices, Consumer<Alert> alerts) {
        this.rule = rule;
        this.episodes = new IdleEpisodes(rule);
        this.sessions = sessions;
        this.userOutcomes = userOutcomes;
        this.prices = prices;
        this.alerts = alerts;
    }

    void call(UsageEvent call) {
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
            episodes.quietBy(root, outcomes, call.getTs().toEpochMilli()).ifPresent(alerts);
        }
        SessionBurns.add(own, call, cost, rule.windowMinutes(), true);
        if (root != own) {
            SessionBurns.add(root, call, cost, rule.windowMinutes(), false);
            sessions.put(ownKey, own);
        }
        episodes.afterCall(root, call, cost, outcomes).ifPresent(alerts);
        sessions.put(IdleStores.sessionKey(user, root.getSessionId()), root);
    }

    /** The provider's reported cost when there is one, else the call at burnwatch's price; null if neither. */
    private Double costOf(UsageEvent call) {
        if (call.getCostUsd() != null) {
            return call.getCostUsd();
        }
        return prices.priceOf(call.getModel(), call.getTs()).map(price -> CallCost.usd(call, price)).orElse(null);
    }

    /** Lets every watched session react to event time {@code now}, and forgets what is past keeping. */
    void sweep(long now) {
        List<KeyValue<String, SessionBurn>> changed = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, SessionBurn> all = sessions.all()) {
            while (all.hasNext()) {
                KeyValue<String, SessionBurn> entry = all.next();
                SessionBurn session = entry.value;
                if (session.getEpisode() != null || session.getPendingSince() != null) {
                    Long pendingBefore = session.getPendingSince();
                    Optional<Alert> alert = episodes.atStreamTime(session, userOutcomes.get(session.getUserId()), now);
                    alert.ifPresent(alerts);
                    if (alert.isPresent() || !Objects.equals(pendingBefore, session.getPendingSince())) {
                        changed.add(entry);
                    }
                } else if (episodes.forgettable(session, now)) {
                    forgotten.add(entry.key);
                }
            }
        }
        changed.forEach(entry -> sessions.put(entry.key, entry.value));
        forgotten.forEach(sessions::delete);

        long hour = Math.floorDiv(now, Duration.ofHours(1).toMillis());
        if (hour == lastUserSweepHour) {
            return;
        }
        lastUserSweepHour = hour;
        List<String> usersForgotten = new ArrayList<>();
        try (KeyValueIterator<String, UserOutcomes> all = userOutcomes.all()) {
            while (all.hasNext()) {
                KeyValue<String, UserOutcomes> entry = all.next();
                if (Attribution.expired(entry.value, now, rule.retentionMs(), BASELINE_RETENTION_MS)) {
                    usersForgotten.add(entry.key);
                }
            }
        }
        usersForgotten.forEach(userOutcomes::delete);
    }
}
