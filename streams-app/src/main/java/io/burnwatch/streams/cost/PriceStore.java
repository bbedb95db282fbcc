package io.burnwatch.streams.cost;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.streams.serde.BurnwatchSerdes;
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
 * The prices topic as a global store on every instance, keyed by canonical model id: any task can price any call,
 * whatever its partition. A tombstone removes a model's prices. Kafka Streams replays the topic through the same
 * processor when it restores the store, so keys are canonical there too.
 */
public final class PriceStore {

    public static final String NAME = "prices";

    private static final Logger LOG = LoggerFactory.getLogger(PriceStore.class);

    private PriceStore() {
    }

    public static void addTo(StreamsBuilder builder, String topic, BurnwatchSerdes serdes) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), serdes.string(), serdes.prices())
                        .withLoggingDisabled(),
                topic,
                Consumed.with(serdes.string(), serdes.prices()).withName("prices-source"),
                Updater::new);
    }

    private static final class Updater implements Processor<String, ModelPrices, Void, Void> {

        private KeyValueStore<String, ModelPrices> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, ModelPrices> record) {
            if (record.key() == null || record.key().isBlank()) {
                LOG.warn("Ignoring prices without a model id as key (model in value: {}): key them by model id",
                        record.value() == null ? null : record.value().getModel());
                return;
            }
            String model = ModelNames.canonical(record.key());
            if (record.value() == null) {
                store.delete(model);
            } else if (PriceCheck.problem(record.value()).isPresent()) {
                LOG.warn("Ignoring prices for {} ({}): the prices it had stay", model,
                        PriceCheck.problem(record.value()).get());
            } else {
                store.put(model, record.value());
            }
        }
    }
}
