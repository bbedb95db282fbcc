package io.burnwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@DisplayName("Cluster settings: defaults < properties file < KAFKA_* environment < flags")
class ClusterOptionsTest {

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        ClusterOptions cluster;
        Map<String, String> env = Map.of();
        Properties resolved;

        @Override
        public void run() {
            resolved = cluster.clientProperties(spec, env);
        }
    }

    @Test
    @DisplayName("without settings the local stack's broker and registry are used")
    void defaults() {
        Properties config = resolve(Map.of());

        assertThat(config).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081");
    }

    @Test
    @DisplayName("the environment wins over the file, and flags win over both")
    void precedence() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nsecurity.protocol=SSL\nsasl.mechanism=PLAIN\n"
                + "schema.registry.url=http://file:8081\n");
        Map<String, String> env = Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SCHEMA_REGISTRY_URL", "http://env:8081", "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "KAFKA_HEAP_OPTS", "-Xmx1g");

        Properties config = resolve(env, "--producer-config", file.toString(), "--bootstrap-servers", "flag:9092");

        assertThat(config).containsEntry("bootstrap.servers", "flag:9092")
                .containsEntry("schema.registry.url", "http://env:8081")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("heap.opts");
    }

    private static Properties resolve(Map<String, String> env, String... args) {
        Probe probe = new Probe();
        probe.env = env;
        assertThat(new CommandLine(probe).execute(args)).isZero();
        return probe.resolved;
    }
}
