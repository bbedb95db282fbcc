package io.burnwatch.streams.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
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

    /** Exit code of a bad flag, argument or setting. */
    public static final int USAGE_ERROR = 2;
    /** Exit code of a command that could not do its work. */
    public static final int FAILURE = 1;

    /** {@code command} printing to {@code out} and {@code err}; a bad flag stops it with one line and {@link #USAGE_ERROR}. */
    public static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(command);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((problem, arguments) -> {
            err.println(oneLine(problem.getMessage()) + " (see --help)");
            return USAGE_ERROR;
        });
        return line;
    }

    /**
     * Runs a command with subcommands: a subcommand that fails prints one line and exits with {@link #USAGE_ERROR}
     * for a bad setting or argument, {@link #FAILURE} otherwise.
     */
    public static int execute(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = commandLine(command, out, err);
        line.setExecutionExceptionHandler((problem, commandLine, parsed) -> {
            err.println(oneLine(problem.getMessage()));
            return problem instanceof ConfigException || problem instanceof IllegalArgumentException ? USAGE_ERROR : FAILURE;
        });
        return line.execute(args);
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
