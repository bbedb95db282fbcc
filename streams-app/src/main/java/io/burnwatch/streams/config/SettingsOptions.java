package io.burnwatch.streams.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The command-line options that say where burnwatch's settings come from, shared by its commands: a properties file,
 * the cluster's addresses, and {@code -D key=value} for any setting.
 */
public final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of Kafka and burnwatch settings.")
    private Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (bootstrap.servers).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry (schema.registry.url).")
    private String schemaRegistryUrl;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "Any Kafka or burnwatch setting; repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    /**
     * The settings from every source: defaults < the file < {@code env} < {@code -D} < the named flags, those of the
     * command ({@code named}, null values left out) last.
     */
    public BurnwatchConfig load(Map<String, String> env, Map<String, Object> named) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        putIfSet(flags, "bootstrap.servers", bootstrapServers);
        putIfSet(flags, BurnwatchSettings.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        named.forEach((key, value) -> putIfSet(flags, key, value));
        return BurnwatchConfig.load(configFile, env, flags);
    }

    /** A message on one line, for the one line a command prints when it stops. */
    public static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static void putIfSet(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
