package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetEvidence;
import io.burnwatch.schema.Resolution;
import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.guard.Spend;
import io.burnwatch.streams.guard.Sweeps;
import io.burnwatch.streams.ledger.LedgerEntries;
import io.burnwatch.streams.state.BudgetState;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.PeriodSpend;
import io.burnwatch.streams.state.RecentSpend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Checks the budgets of one kind of scope (users on the user-keyed stream, teams on the team-keyed one) call by
 * call. Every call of a scope comes to the one task that owns the scope's key, and that task records the spend and
 * checks it in the same step, under exactly-once: no two calls can both see the spend below a threshold and both
 * cross it, so each threshold fires once per period. The open alerts of a scope are what has fired in its current
 * period; they are resolved when the period ends, or when a changed budget no longer supports them.
 */
final class BudgetCheck implements Processor<String, LedgerEntry, String, Alert> {

    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final char SEPARATOR = '\u0000';
    private static final String EARLY = "early";

    private final Scope.Kind kind;
    private final BudgetRule rule;
    private ProcessorContext<String, Alert> context;
    private Spending spending;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, Budget> budgets;
    /**
     * How many open alerts each scope has, kept in memory and rebuilt from the store when the task starts: most
     * calls are of scopes with none, and spare the store a range scan.
     */
    private final Map<String, Integer> openCounts = new HashMap<>();
    private final Sweeps sweeps = new Sweeps(SWEEP_INTERVAL, this::sweep);
    private final SourceClock sources = new SourceClock();

    private final InputSources expected;

    BudgetCheck(Scope.Kind kind, BudgetRule rule, InputSources expected) {
        this.kind = kind;
        this.rule = rule;
        this.expected = expected;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.spending = new Spending(context.getStateStore(BudgetStores.spending(kind)),
                context.getStateStore(BudgetStores.recent(kind)));
        this.openAlerts = context.getStateStore(BudgetStores.openAlerts(kind));
        this.budgets = context.getStateStore(BudgetStore.NAME);
        sources.expect(expected.names());
        try (KeyValueIterator<String, Alert> iterator = openAlerts.all()) {
            iterator.forEachRemaining(open -> openCounts.merge(scopeOf(open.key), 1, Integer::sum));
        }
    }

    @Override
    public void process(Record<String, LedgerEntry> record) {
        long now = context.currentSystemTimeMs();
        sources.observe(SourceClock.sourceOf(record.headers()), record.timestamp(), now);
        sweeps.passTo(sources.time(now));
        Spend spend = Spend.of(record.value()).orElse(null);
        if (spend == null || (kind == Scope.Kind.TEAM && LedgerEntries.NO_TEAM.equals(record.key()))) {
            return;
        }
        Scope scope = kind.of(record.key());
        String key = scope.toString();
        BudgetState state = spending.add(key, spend);

        Budget budget = budgets.get(key);
        Instant at = spend.ts();
        reconcile(scope, state, budget, at);
        if (budget != null) {
            check(scope, kind == Scope.Kind.TEAM ? scope.id() : spend.teamOrNull(), state, spending.recent(key), budget, at);
        }
    }

    /** Resolves the scope's open alerts that its current period and budget no longer support. */
    private void reconcile(Scope scope, BudgetState state, Budget budget, Instant at) {
        for (KeyValue<String, Alert> open : open(scope)) {
            BudgetEvidence fired = open.value.getBudget();
            PeriodSpend now = Spending.in(state, fired.getPeriod());
            if (now.getStart().isAfter(fired.getPeriodStart())) {
                resolve(open, Resolution.PERIOD_ENDED, fired.getPeriodEnd(), BudgetAlerts.periodEnded(open.value));
            } else if (budget == null) {
                resolve(open, Resolution.BUDGET_CHANGED, at, BudgetAlerts.removed(open.value));
            } else if (!stillHolds(fired, budget, Spending.in(state, budget.getPeriod()))) {
                resolve(open, Resolution.BUDGET_CHANGED, at, BudgetAlerts.changed(open.value, budget.getAmountUsd(),
                        Periods.adjective(budget.getPeriod()), Spending.in(state, budget.getPeriod()).getUsd()));
            }
        }
    }

    private boolean stillHolds(BudgetEvidence fired, Budget budget, PeriodSpend spent) {
        if (budget.getPeriod() != fired.getPeriod()) {
            return false;
        }
        if (fired.getEarlyWarning()) {
            return budget.getEarlyWarning() && budget.getAmountUsd() == fired.getAmountUsd();
        }
        int threshold = fired.getThresholdPercent();
        return rule.thresholds(budget).contains(threshold) && crossed(spent.getUsd(), budget, threshold);
    }

    private void check(Scope scope, String teamId, BudgetState state, RecentSpend recent, Budget budget, Instant at) {
        PeriodSpend spent = Spending.in(state, budget.getPeriod());
        Set<String> fired = new HashSet<>();
        open(scope).forEach(open -> fired.add(slot(open.key)));
        double amount = budget.getAmountUsd();
        double rate6h = Spending.ratePerHour(state, recent, Spending.RECENT, at);
        Instant periodEnd = Periods.end(budget.getPeriod(), spent.getStart());
        Instant exhausted = spent.getUsd() < amount && rate6h > 0
                ? at.plusMillis(Math.round((amount - spent.getUsd()) / rate6h * HOUR.toMillis())) : null;
        BudgetEvidence.Builder evidence = BudgetEvidence.newBuilder()
                .setScope(scope.toString())
                .setPeriod(budget.getPeriod())
                .setPeriodStart(spent.getStart())
                .setPeriodEnd(periodEnd)
                .setAmountUsd(amount)
                .setSpentUsd(spent.getUsd())
                .setPercentUsed(100 * spent.getUsd() / amount)
                .setBurnRate1hUsd(Spending.ratePerHour(state, recent, HOUR, at))
                .setBurnRate6hUsd(rate6h)
                .setForecastExhaustedAt(exhausted);
        for (int threshold : rule.thresholds(budget)) {
            if (crossed(spent.getUsd(), budget, threshold) && !fired.contains(Integer.toString(threshold))) {
                fire(scope, teamId, evidence.setThresholdPercent(threshold).setEarlyWarning(false).build(), spent, at);
            }
        }
        boolean runsOutEarly = exhausted != null && exhausted.isBefore(periodEnd)
                && 100 * spent.getUsd() / amount >= rule.earlyWarningMinPercent();
        if (budget.getEarlyWarning() && runsOutEarly && !fired.contains(EARLY)) {
            fire(scope, teamId, evidence.setThresholdPercent(null).setEarlyWarning(true).build(), spent, at);
        }
    }

    /**
     * Resolves the alerts of periods that are over, and of budgets removed, as the calls' time passes: on the team
     * stream that is the time {@link io.burnwatch.streams.ledger.LedgerStreams#byTeam() released} in order, not the
     * task's stream time, which calls still waiting for their order have moved on; on the user stream, the time of
     * the slowest active source ({@link SourceClock}), so that one source racing ahead does not end the periods of
     * another's users.
     */
    private void sweep(long streamTime) {
        List<KeyValue<String, Alert>> all = new ArrayList<>();
        try (KeyValueIterator<String, Alert> iterator = openAlerts.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, Alert> open : all) {
            BudgetEvidence fired = open.value.getBudget();
            if (!fired.getPeriodEnd().isAfter(Instant.ofEpochMilli(streamTime))) {
                resolve(open, Resolution.PERIOD_ENDED, fired.getPeriodEnd(), BudgetAlerts.periodEnded(open.value));
            } else if (budgets.get(fired.getScope()) == null) {
                resolve(open, Resolution.BUDGET_CHANGED, Instant.ofEpochMilli(streamTime), BudgetAlerts.removed(open.value));
            }
        }
    }

    private static boolean crossed(double spentUsd, Budget budget, int thresholdPercent) {
        return spentUsd * 100 >= budget.getAmountUsd() * thresholdPercent;
    }

    private void fire(Scope scope, String teamId, BudgetEvidence evidence, PeriodSpend spent, Instant at) {
        Alert alert = BudgetAlerts.open(scope, teamId, evidence, spent, at);
        String slot = evidence.getEarlyWarning() ? EARLY : Integer.toString(evidence.getThresholdPercent());
        if (openAlerts.putIfAbsent(scope.toString() + SEPARATOR + slot, alert) == null) {
            openCounts.merge(scope.toString(), 1, Integer::sum);
        } else {
            openAlerts.put(scope.toString() + SEPARATOR + slot, alert);
        }
        context.forward(new Record<>(alert.getAlertId(), alert, at.toEpochMilli()));
    }

    private void resolve(KeyValue<String, Alert> open, Resolution why, Instant at, String message) {
        Alert resolved = BudgetAlerts.resolved(open.value, why, at, message);
        if (openAlerts.delete(open.key) != null) {
            openCounts.computeIfPresent(scopeOf(open.key), (scope, count) -> count > 1 ? count - 1 : null);
        }
        context.forward(new Record<>(resolved.getAlertId(), resolved, at.toEpochMilli()));
    }

    private List<KeyValue<String, Alert>> open(Scope scope) {
        List<KeyValue<String, Alert>> open = new ArrayList<>();
        if (!openCounts.containsKey(scope.toString())) {
            return open;
        }
        try (KeyValueIterator<String, Alert> iterator =
                     openAlerts.prefixScan(scope.toString() + SEPARATOR, new StringSerializer())) {
            iterator.forEachRemaining(open::add);
        }
        return open;
    }

    private static String scopeOf(String openKey) {
        return openKey.substring(0, openKey.indexOf(SEPARATOR));
    }

    private static String slot(String openKey) {
        return openKey.substring(openKey.indexOf(SEPARATOR) + 1);
    }
}
