package io.burnwatch.sim;

import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.sim.publish.ClientProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the cluster is and how to reach it: defaults &lt; the properties file &lt; {@code KAFKA_*} environment
 * variables &lt; flags given on the command line.
 */
public final class ClusterOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: " + DEFAULT_BOOTSTRAP + ", or KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry (default: " + DEFAULT_REGISTRY + ", or KAFKA_SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = {"--producer-config", "--client-config"}, paramLabel = "FILE",
            description = "Kafka client properties, e.g. SASL/SSL settings; KAFKA_* variables and flags win over it.")
    Path clientConfig;

    /** The client properties without serializers: defaults, file, environment, then the flags. */
    public Properties clientProperties(CommandSpec spec, Map<String, String> env) {
        Properties config = new Properties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, DEFAULT_REGISTRY);
        try {
            config.putAll(ClientProperties.of(clientConfig, env));
        } catch (IOException | IllegalArgumentException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--producer-config " + clientConfig
                    + " cannot be read (" + e + "): pass a readable Java properties file");
        }
        if (bootstrapServers != null) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
        return config;
    }
}
