package io.burnwatch.local.registry;

/** The compatibility level of one subject, or the global one when {@code subject} is null. */
record CompatibilitySetting(String subject, Compatibility level) implements SchemaLogEntry {
}
