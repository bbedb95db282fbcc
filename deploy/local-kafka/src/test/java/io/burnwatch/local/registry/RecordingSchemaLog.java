package io.burnwatch.local.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A log in memory that keeps entries as the encoded key and value a Kafka record would carry. */
final class RecordingSchemaLog implements SchemaLog {

    record Encoded(byte[] key, byte[] value) {
    }

    final List<Encoded> records = new ArrayList<>();
    boolean failing;

    @Override
    public void append(SchemaLogEntry entry) throws RegistryException {
        if (failing) {
            throw RegistryException.storeFailed("broker unreachable", new IOException("refused"));
        }
        try {
            records.add(new Encoded(SchemaLogCodec.key(entry), SchemaLogCodec.value(entry)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store rebuilt from the recorded entries, as a restarted registry rebuilds it from its topic. */
    SchemaStore replay() throws IOException {
        SchemaStore store = new SchemaStore();
        for (Encoded record : records) {
            SchemaLogCodec.decode(record.key(), record.value()).ifPresent(store::apply);
        }
        return store;
    }
}
