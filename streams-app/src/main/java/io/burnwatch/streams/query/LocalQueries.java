package io.burnwatch.streams.query;

import io.burnwatch.schema.Alert;
import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.guard.budget.BudgetStores;
import io.burnwatch.streams.guard.spike.SpikeStores;
import io.burnwatch.streams.idle.IdleStores;
import io.burnwatch.streams.idle.WindowBurn;
import io.burnwatch.streams.ledger.UserDays;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.OpenWindows;
import io.burnwatch.streams.state.WindowTally;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers from this instance's own stores: a user it owns, and its share of the open alerts and of the leaderboard.
 * "Today" and "now" are the wall clock's, in UTC.
 */
public final class LocalQueries {

    private static final Comparator<AlertView> NEWEST_FIRST =
            Comparator.comparing(AlertView::openedAt).reversed().thenComparing(AlertView::alertId);

    private final QueryStores stores;
    private final Clock clock;
    private final int idleWindowMinutes;

    public LocalQueries(QueryStores stores, Clock clock, int idleWindowMinutes) {
        this.stores = stores;
        this.clock = clock;
        this.idleWindowMinutes = idleWindowMinutes;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * The user in the task of {@code partition}; empty when burnwatch knows nothing of them today: no call or outcome
     * today, no session in the idle window and no open alert.
     */
    public Optional<UserStatus> user(String userId, Integer partition) {
        long now = clock.millis();
        ReadOnlyKeyValueStore<String, OpenWindows> days = stores.store(UserDays.STORE, partition);
        Optional<WindowTally> today = UserDays.of(days, userId, UserDays.dayStart(now));
        List<AlertView> open = new ArrayList<>();
        List<BurningSession> burning = new ArrayList<>();
        ReadOnlyKeyValueStore<String, SessionBurn> sessions = stores.store(IdleStores.SESSIONS, partition);
        try (KeyValueIterator<String, SessionBurn> own =
                     sessions.prefixScan(IdleStores.userPrefix(userId), new StringSerializer())) {
            while (own.hasNext()) {
                SessionBurn session = own.next().value;
                if (session.getEpisode() != null) {
                    open.add(AlertView.of(session, session.getEpisode()));
                }
                WindowBurn window = WindowBurn.of(session.getMinutes(), now, idleWindowMinutes);
                if (session.getRootSessionId() == null && window.calls() > 0) {
                    burning.add(BurningSession.of(session, window));
                }
            }
        }
        ReadOnlyKeyValueStore<String, Alert> budgets = stores.store(BudgetStores.openAlerts(Scope.Kind.USER), partition);
        try (KeyValueIterator<String, Alert> own =
                     budgets.prefixScan(Scope.user(userId) + "\u0000", new StringSerializer())) {
            own.forEachRemaining(alert -> open.add(AlertView.of(alert.value)));
        }
        if (today.isEmpty() && burning.isEmpty() && open.isEmpty()) {
            return Optional.empty();
        }
        open.sort(NEWEST_FIRST);
        burning.sort(Comparator.comparing(BurningSession::lastCallAt).reversed());
        return Optional.of(UserStatus.of(userId, today(), today.orElseGet(LocalQueries::emptyDay), open, burning));
    }

    /** The open alerts of every kind held by this instance's tasks, newest first. */
    public List<AlertView> openAlerts() {
        List<AlertView> open = new ArrayList<>();
        ReadOnlyKeyValueStore<String, SessionBurn> sessions = stores.store(IdleStores.SESSIONS, null);
        try (KeyValueIterator<String, SessionBurn> all = sessions.all()) {
            all.forEachRemaining(session -> {
                if (session.value.getEpisode() != null) {
                    open.add(AlertView.of(session.value, session.value.getEpisode()));
                }
            });
        }
        for (String store : List.of(BudgetStores.openAlerts(Scope.Kind.USER), BudgetStores.openAlerts(Scope.Kind.TEAM),
                SpikeStores.OPEN_ALERTS)) {
            ReadOnlyKeyValueStore<String, Alert> alerts = stores.store(store, null);
            try (KeyValueIterator<String, Alert> all = alerts.all()) {
                all.forEachRemaining(alert -> open.add(AlertView.of(alert.value)));
            }
        }
        open.sort(NEWEST_FIRST);
        return open;
    }

    /** This instance's users ranked on {@code day}: how many the ranking covers, and the best {@code limit}. */
    public Leaderboard.Part leaderboard(LocalDate day, Ranking by, int limit) {
        List<Leaderboard.Entry> ranked = new ArrayList<>();
        long start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        UserDays.forEach(stores.store(UserDays.STORE, null), start, (user, tally) -> {
            Double score = by.score(tally);
            if (score != null) {
                ranked.add(new Leaderboard.Entry(0, user, score, tally.getTotals().getComputedCostUsd(),
                        Totals.tokens(tally.getTotals()), tally.getPrsMerged()));
            }
        });
        ranked.sort(by.order());
        return new Leaderboard.Part(ranked.size(), List.copyOf(ranked.subList(0, Math.min(limit, ranked.size()))));
    }

    private static WindowTally emptyDay() {
        return WindowTally.newBuilder().setTotals(Totals.empty()).build();
    }
}
