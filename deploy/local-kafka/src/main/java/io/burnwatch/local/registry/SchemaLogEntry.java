package io.burnwatch.local.registry;

/** One record of the registry's log: a registered schema version, or a compatibility setting. */
sealed interface SchemaLogEntry permits SchemaVersion, CompatibilitySetting {
}
