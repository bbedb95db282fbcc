package io.burnwatch.streams.connect.identity;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The identity map as a global store on every instance: {@code <kind>:<identity>} (see {@link Identity}) to the
 * {@code user_id} burnwatch counts that person as. Written to its compacted topic by the identity command; a
 * tombstone removes a mapping, and a change applies from the next event, without a restart.
 */
public final class IdentityStore {

    public static final String NAME = "identities";

    private IdentityStore() {
    }

    public static void addTo(StreamsBuilder builder, String topic) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAME), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                topic,
                Consumed.with(Serdes.String(), Serdes.String()).withName("identities-source"),
                Updater::new);
    }

    /** The user_id of the first of {@code candidates} the map knows. */
    public static Optional<String> resolve(ReadOnlyKeyValueStore<String, String> map, List<Identity> candidates) {
        for (Identity identity : candidates) {
            String user = map.get(identity.key());
            if (user != null && !user.isBlank()) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private static final class Updater implements Processor<String, String, Void, Void> {

        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.key() == null) {
                return;
            }
            String key;
            try {
                key = Identity.parse(record.key()).key();
            } catch (IllegalArgumentException e) {
                return;
            }
            if (record.value() == null || record.value().isBlank()) {
                store.delete(key);
            } else {
                store.put(key, record.value().trim());
            }
        }
    }
}
