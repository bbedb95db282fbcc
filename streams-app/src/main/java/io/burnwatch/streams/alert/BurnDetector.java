package io.burnwatch.streams.alert;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Watches each session's trailing-window token sum and opens one alert per burn episode. A session keeps its
 * open alert until an outcome resolves it ({@link OutcomeResolver}) or it stays idle for the outcome lookback
 * (resolved QUIET); sessions without an open alert are forgotten once idle for a window.
 */
final class BurnDetector implements Processor<String, UsageEvent, String, Alert> {

    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final BurnRule rule;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, UsageEvent> calls;
    private KeyValueStore<String, Long> sessions;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, Long> outcomeLedger;

    BurnDetector(BurnRule rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.calls = context.getStateStore(BurnStores.CALLS);
        this.sessions = context.getStateStore(BurnStores.SESSIONS);
        this.openAlerts = context.getStateStore(BurnStores.OPEN_ALERTS);
        this.outcomeLedger = context.getStateStore(BurnStores.OUTCOME_LEDGER);
        context.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, this::sweepIdleSessions);
    }

    @Override
    public void process(Record<String, UsageEvent> record) {
        UsageEvent call = record.value();
        if (call == null) {
            return;
        }
        long now = record.timestamp();
        String session = BurnStores.sessionKey(call.getUserId(), call.getSessionId());
        calls.put(session, call, now);
        Long lastCall = sessions.get(session);
        if (lastCall == null || now > lastCall) {
            sessions.put(session, now);
        }
        if (openAlerts.get(session) != null) {
            return;
        }
        BurnTally tally = BurnTally.of(calls.fetch(session, Instant.ofEpochMilli(now).minus(rule.window()).plusMillis(1),
                Instant.ofEpochMilli(now)));
        if (tally.tokens() < rule.minTokens()) {
            return;
        }
        Long lastOutcome = outcomeLedger.get(call.getUserId());
        if (rule.recentOutcome(lastOutcome, now)) {
            return;
        }
        Alert alert = BurnAlerts.open(call, tally, lastOutcome, rule);
        openAlerts.put(session, alert);
        context.forward(new Record<>(alert.getAlertId(), alert, now));
    }

    private void sweepIdleSessions(long streamTime) {
        List<KeyValue<String, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> iterator = sessions.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, Long> session : all) {
            long idleMs = streamTime - session.value;
            Alert open = openAlerts.get(session.key);
            if (open == null && idleMs >= rule.window().toMillis()) {
                sessions.delete(session.key);
            } else if (open != null && idleMs >= rule.outcomeLookback().toMillis()) {
                Alert resolved = BurnAlerts.resolvedQuiet(open, Instant.ofEpochMilli(streamTime), rule.outcomeLookback());
                openAlerts.delete(session.key);
                sessions.delete(session.key);
                context.forward(new Record<>(resolved.getAlertId(), resolved, streamTime));
            }
        }
    }
}
