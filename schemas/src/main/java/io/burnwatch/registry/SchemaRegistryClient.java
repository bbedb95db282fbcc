package io.burnwatch.registry;

import java.io.Closeable;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry protocol that serializers and deserializers use.
 * Implementations cache: a schema is registered once per subject and fetched once per id.
 */
public interface SchemaRegistryClient extends Closeable {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} under {@code subject} without registering it. */
    int idOf(String subject, Schema schema);

    /** Returns the schema with global id {@code id}. */
    Schema byId(int id);

    @Override
    default void close() {
    }
}
