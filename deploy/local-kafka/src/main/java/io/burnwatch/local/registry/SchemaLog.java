package io.burnwatch.local.registry;

/** Where the registry makes its changes durable before it answers. */
interface SchemaLog {

    /** Returns once {@code entry} is stored; fails with a 500 when it could not be. */
    void append(SchemaLogEntry entry) throws RegistryException;
}
