package io.burnwatch.sim.publish;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties from a properties file and the environment, as the streams app reads them:
 * {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} sets {@code security.protocol}, {@code KAFKA_SCHEMA_REGISTRY_URL} sets
 * {@code schema.registry.url}. The environment wins over the file; flags, applied by the caller, win over both.
 */
public final class ClientProperties {

    private static final String KAFKA_ENV = "KAFKA_";

    private ClientProperties() {
    }

    /** The file's properties (none if {@code file} is null), then the {@code KAFKA_*} variables of {@code env}. */
    public static Properties of(Path file, Map<String, String> env) throws IOException {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        properties.putAll(fromEnvironment(env));
        return properties;
    }

    static Properties fromEnvironment(Map<String, String> env) {
        Properties mapped = new Properties();
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENV) && !isLauncherVariable(name)) {
                mapped.setProperty(name.substring(KAFKA_ENV.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return mapped;
    }

    // KAFKA_HEAP_OPTS, KAFKA_OPTS and friends configure Kafka's launch scripts, not clients.
    private static boolean isLauncherVariable(String name) {
        return name.endsWith("_OPTS") || name.equals("KAFKA_HOME");
    }
}
