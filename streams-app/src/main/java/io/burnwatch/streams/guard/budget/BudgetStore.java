package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.util.Optional;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budgets topic as a global store on every instance, keyed by scope: a user's budget is checked in the user's
 * task, a team's in the team's, wherever those run, and a change on the topic applies from the scope's next call,
 * without a restart. A tombstone removes a budget. A budget that cannot be used is logged and skipped; the one
 * before it stays in force.
 */
public final class BudgetStore {

    public static final String NAME = "budgets";

    private static final Logger LOG = LoggerFactory.getLogger(BudgetStore.class);

    private BudgetStore() {
    }

    public static void addTo(StreamsBuilder builder, String topic, BurnwatchSerdes serdes) {
        builder.addGlobalStore(
                // Budgets are few, and a global store is restored from its topic at start: memory is enough.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAME), serdes.string(), serdes.budget())
                        .withLoggingDisabled(),
                topic,
                Consumed.with(serdes.string(), serdes.budget()).withName("budgets-source"),
                Updater::new);
    }

    private static final class Updater implements Processor<String, Budget, Void, Void> {

        private KeyValueStore<String, Budget> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, Budget> record) {
            if (record.value() == null) {
                if (record.key() != null) {
                    store.delete(record.key());
                }
                return;
            }
            Optional<String> problem = Budgets.problem(record.key(), record.value());
            if (problem.isPresent()) {
                LOG.warn("Ignoring a budget on the budgets topic: {}", problem.get());
                return;
            }
            store.put(record.key(), record.value());
        }
    }
}
