package io.burnwatch.streams.alert;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.OutcomeEvent;
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
 * Records each user's latest outcome and resolves the user's open burn alerts: a commit or pull request after
 * the burn retracts the suspicion.
 */
final class OutcomeResolver implements Processor<String, OutcomeEvent, String, Alert> {

    private final BurnRule rule;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, Long> outcomeLedger;

    OutcomeResolver(BurnRule rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.openAlerts = context.getStateStore(BurnStores.OPEN_ALERTS);
        this.outcomeLedger = context.getStateStore(BurnStores.OUTCOME_LEDGER);
    }

    @Override
    public void process(Record<String, OutcomeEvent> record) {
        OutcomeEvent outcome = record.value();
        if (outcome == null) {
            return;
        }
        long at = record.timestamp();
        String user = outcome.getUserId();
        Long latest = outcomeLedger.get(user);
        if (latest == null || at > latest) {
            outcomeLedger.put(user, at);
        }
        List<KeyValue<String, Alert>> open = new ArrayList<>();
        try (KeyValueIterator<String, Alert> sessions = openAlerts.prefixScan(BurnStores.userPrefix(user), new StringSerializer())) {
            sessions.forEachRemaining(open::add);
        }
        for (KeyValue<String, Alert> session : open) {
            // An outcome so old that it would not have prevented the alert does not resolve it either.
            if (!rule.recentOutcome(at, session.value.getOpenedAt().toEpochMilli())) {
                continue;
            }
            Alert resolved = BurnAlerts.resolvedByOutcome(session.value, outcome);
            openAlerts.delete(session.key);
            context.forward(new Record<>(resolved.getAlertId(), resolved, at));
        }
    }
}
