package io.burnwatch.local.registry;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A schema registered under a subject: the body of most registry answers and of a SCHEMA record in the log.
 * {@code id} is global, {@code version} counts per subject from 1, {@code schema} is the parsed schema's
 * normalized JSON, the form by which equal schemas are recognized.
 */
@JsonPropertyOrder({"subject", "version", "id", "schema"})
record SchemaVersion(String subject, int version, int id, String schema) implements SchemaLogEntry {
}
