package io.burnwatch.streams.guard.spike;

import io.burnwatch.schema.Alert;
import io.burnwatch.streams.guard.Spend;
import io.burnwatch.streams.guard.Sweeps;
import io.burnwatch.streams.state.HourBaseline;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.SpikeHour;
import io.burnwatch.streams.state.SpikeState;
import io.burnwatch.streams.state.Totals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Watches the hourly cost of each team and each of its members, on the team-keyed stream: a team's task holds its
 * members' history too, so a user without enough history of its own is compared with its team's members there.
 * The current hour is measured as it fills, against the baseline it got when it began, so a spike opens as soon as
 * the hour's cost crosses the limit; it stays open while later hours cross it too, and is resolved when an hour
 * closes within it (or passes without a call).
 */
final class SpikeDetector implements Processor<String, LedgerEntry, String, Alert> {

    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final SpikeRule rule;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SpikeState> states;
    private KeyValueStore<String, SpikeHour> currentHours;
    private KeyValueStore<String, Alert> openAlerts;
    private final Sweeps sweeps = new Sweeps(SWEEP_INTERVAL, this::sweep);

    SpikeDetector(SpikeRule rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(SpikeStores.STATE);
        this.currentHours = context.getStateStore(SpikeStores.CURRENT_HOUR);
        this.openAlerts = context.getStateStore(SpikeStores.OPEN_ALERTS);
    }

    @Override
    public void process(Record<String, LedgerEntry> record) {
        sweeps.passTo(record.timestamp());
        Spend spend = Spend.of(record.value()).orElse(null);
        if (spend == null) {
            return;
        }
        SpikeScope member = SpikeScope.member(record.key(), spend.userId());
        if (member.hasTeam()) {
            observe(SpikeScope.team(record.key()), spend);
        }
        observe(member, spend);
    }

    private void observe(SpikeScope scope, Spend spend) {
        long hour = Hours.of(spend.ts());
        SpikeHour current = currentHours.get(scope.key());
        if (current == null || hour != current.getHour()) {
            // The ring is read and written only when the hour changes, or for a late call.
            current = turn(scope, current, hour, spend);
            if (current == null) {
                return;
            }
        }
        current.setUsd(current.getUsd() + spend.usd());
        Totals.add(current.getTotals(), spend.call());
        currentHours.put(scope.key(), current);
        judge(scope, current, spend.ts());
    }

    /**
     * For a call in another hour than the scope's current one: counts a late call in the history and returns null,
     * or closes the current hour and returns the new, empty one with its baseline.
     */
    private SpikeHour turn(SpikeScope scope, SpikeHour current, long hour, Spend spend) {
        SpikeState state = states.get(scope.key());
        if (state == null) {
            state = HourRing.start(hour);
        }
        if (current == null) {
            current = state.getCurrent();
        }
        state.setCurrent(null);
        if (current != null && hour < current.getHour() || current == null && hour <= state.getLatestHour()) {
            // A late call: it counts in the history the baselines come from, but no closed hour is judged again.
            HourRing.add(state, hour, spend.usd());
            states.put(scope.key(), state);
            return null;
        }
        if (current != null) {
            close(scope, state, current, hour);
        }
        states.put(scope.key(), state);
        return SpikeHour.newBuilder().setHour(hour).setUsd(0).setTotals(Totals.empty())
                .setBaseline(baseline(scope, state, hour)).build();
    }

    /** The scope's own baseline once it has the history for it; before that a member's team's, if any. */
    private HourBaseline baseline(SpikeScope scope, SpikeState state, long hour) {
        List<Double> own = HourRing.sameHours(state, hour);
        if (own.size() >= rule.minHistoryDays()) {
            return Baselines.of(own, true);
        }
        if (!scope.isMember() || !scope.hasTeam()) {
            return null;
        }
        List<Double> members = new ArrayList<>();
        try (KeyValueIterator<String, SpikeState> team =
                     states.prefixScan(SpikeScope.teamPrefix(scope.team()), new StringSerializer())) {
            while (team.hasNext()) {
                KeyValue<String, SpikeState> other = team.next();
                if (!other.key.equals(scope.key()) && SpikeScope.fromKey(other.key).isMember()) {
                    List<Double> theirs = HourRing.sameHours(other.value, hour);
                    if (theirs.size() >= rule.minHistoryDays()) {
                        members.addAll(theirs);
                    }
                }
            }
        }
        return members.isEmpty() ? null : Baselines.of(members, false);
    }

    private void judge(SpikeScope scope, SpikeHour current, Instant at) {
        if (!spiked(current)) {
            return;
        }
        Alert open = openAlerts.get(scope.key());
        Alert next;
        if (open == null) {
            next = SpikeAlerts.open(scope, current, at);
        } else if (!open.getSpike().getHour().equals(Hours.start(current.getHour()))) {
            next = SpikeAlerts.update(scope, open, current, at);
        } else {
            return;
        }
        openAlerts.put(scope.key(), next);
        context.forward(new Record<>(next.getAlertId(), next, at.toEpochMilli()));
    }

    /**
     * Writes {@code finished} into the history, and resolves the scope's open spike if that hour closed within its
     * baseline, or if the hour after it passed without a call ({@code nowHour} is the hour it is now). The caller
     * stores the state.
     */
    private void close(SpikeScope scope, SpikeState state, SpikeHour finished, long nowHour) {
        HourRing.add(state, finished.getHour(), finished.getUsd());
        Alert open = openAlerts.get(scope.key());
        if (open == null) {
            return;
        }
        if (!spiked(finished)) {
            resolve(scope, open, Hours.start(finished.getHour() + 1));
        } else if (nowHour >= finished.getHour() + 2) {
            resolve(scope, SpikeAlerts.closed(open, finished), Hours.start(finished.getHour() + 2));
        } else {
            openAlerts.put(scope.key(), SpikeAlerts.closed(open, finished));
        }
    }

    /** Closes the hours of open spikes whose scope has gone quiet, as the time of the calls, in order, passes. */
    private void sweep(long streamTime) {
        long now = Hours.of(streamTime);
        List<KeyValue<String, Alert>> all = new ArrayList<>();
        try (KeyValueIterator<String, Alert> iterator = openAlerts.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, Alert> open : all) {
            SpikeScope scope = SpikeScope.fromKey(open.key);
            SpikeState state = states.get(open.key);
            SpikeHour current = currentHours.get(open.key);
            if (current == null) {
                current = state.getCurrent();
            }
            state.setCurrent(null);
            long lastSpiked = Hours.of(open.value.getSpike().getHour());
            if (current != null && current.getHour() < now) {
                close(scope, state, current, now);
                states.put(open.key, state);
                currentHours.delete(open.key);
            } else if (current == null && now >= lastSpiked + 2) {
                resolve(scope, open.value, Hours.start(lastSpiked + 2));
            }
        }
    }

    private boolean spiked(SpikeHour hour) {
        return hour.getBaseline() != null && rule.isSpike(hour.getUsd(), hour.getBaseline());
    }

    private void resolve(SpikeScope scope, Alert open, Instant at) {
        Alert resolved = SpikeAlerts.subsided(open, at);
        openAlerts.delete(scope.key());
        context.forward(new Record<>(resolved.getAlertId(), resolved, at.toEpochMilli()));
    }
}
