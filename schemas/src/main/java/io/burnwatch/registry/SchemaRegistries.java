package io.burnwatch.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a client from a registry URL. {@code mock://<scope>} gives an in-memory registry shared by every
 * client of that scope in the JVM, so serdes configured for tests see each other's schemas.
 */
public final class SchemaRegistries {

    private static final String MOCK = "mock://";
    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    public static SchemaRegistryClient forUrl(String url, String basicAuthUserInfo) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("No schema registry URL given: set schema.registry.url");
        }
        if (url.startsWith(MOCK)) {
            return SCOPES.computeIfAbsent(url.substring(MOCK.length()), scope -> new InMemorySchemaRegistryClient());
        }
        return new RestSchemaRegistryClient(url, basicAuthUserInfo);
    }

    /** Forgets an in-memory scope, so the next test starts from an empty registry. */
    public static void dropScope(String url) {
        SCOPES.remove(url.startsWith(MOCK) ? url.substring(MOCK.length()) : url);
    }
}
