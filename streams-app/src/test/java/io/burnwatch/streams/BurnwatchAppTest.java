package io.burnwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("burnwatch-streams command line")
class BurnwatchAppTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("named flags set their settings and win over -D/--set, which win over the environment")
    void flagsBecomeSettings() {
        BurnwatchApp app = new BurnwatchApp(Map.of("KAFKA_MAX_POLL_RECORDS", "3", "BURNWATCH_IDLE_WINDOW", "2m"),
                new PrintWriter(err));
        new CommandLine(app).parseArgs(
                "--bootstrap-servers", "flag:9092", "-D", "bootstrap.servers=set:9092",
                "--schema-registry-url", "http://registry:8081",
                "--application-id", "burnwatch-eu",
                "--state-dir", "/var/lib/burnwatch",
                "--http-host", "0.0.0.0", "--http-port", "9090",
                "-Dburnwatch.idle.window=5m", "--set", "max.poll.records=7");

        BurnwatchConfig config = app.config();

        assertThat(config.bootstrapServers()).isEqualTo("flag:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.applicationId()).isEqualTo("burnwatch-eu");
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/burnwatch"));
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.idleWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.streamsProperties()).containsEntry("max.poll.records", "7");
    }

    @Test
    @DisplayName("a malformed flag exits 2 with one line naming it")
    void malformedFlag() {
        int code = run("--http-port", "eighty");

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).containsExactly("Invalid value for option '--http-port': 'eighty' is not an int (see --help)");
    }

    @Test
    @DisplayName("an unknown flag exits 2 with one line naming it")
    void unknownFlag() {
        int code = run("--bootstrap", "x:9092");

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString().contains("'--bootstrap'", "(see --help)");
    }

    @Test
    @DisplayName("a bad setting exits 2 with one line naming the key and the fix")
    void badSetting() {
        int code = run("-D", "burnwatch.idle.window=ten");

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString()
                .startsWith("Invalid value ten for configuration burnwatch.idle.window:")
                .contains("e.g. 30s, 10m or 1h");
    }

    @Test
    @DisplayName("a bad environment variable is rejected the same way")
    void badEnvironment() {
        int code = BurnwatchApp.run(new String[0], Map.of("BURNWATCH_HTTP_PORT", "http"),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString().contains("burnwatch.http.port", "e.g. 8080");
    }

    @Test
    @DisplayName("a misspelt BURNWATCH_* variable stops the app with one line naming it and the name it was meant to be")
    void misspeltEnvironmentVariable() {
        int code = BurnwatchApp.run(new String[0], Map.of("BURNWATCH_IDLE_PATIENSE", "2h"),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString()
                .isEqualTo("Unknown environment variable BURNWATCH_IDLE_PATIENSE: did you mean BURNWATCH_IDLE_PATIENCE?"
                        + " Rename it, or unset it");
    }

    @Test
    @DisplayName("a dead-letter topic that is an input topic stops the app with one line naming both and the fix")
    void deadLettersOnAnInputTopic() {
        int code = run("-D", "burnwatch.topic.dlq=burnwatch.usage");

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString()
                .startsWith("burnwatch.topic.dlq is burnwatch.usage, the input topic of burnwatch.topic.usage")
                .endsWith("set burnwatch.topic.dlq to a topic of its own, e.g. its default burnwatch.dlq");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("an unreachable broker stops the app with one line once burnwatch.startup.timeout has passed")
    void unreachableBroker(@TempDir Path state) {
        long started = System.nanoTime();
        int code = run("--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "mock://unreachable",
                "--state-dir", state.toString(), "--http-port", "0", "-D", "burnwatch.startup.timeout=2s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(code).isEqualTo(1);
        assertThat(errorLines()).singleElement().asString()
                .isEqualTo("Cannot reach Kafka at 127.0.0.1:1: no broker answered within 2s: check bootstrap.servers"
                        + " (--bootstrap-servers) and that a broker is up there, or wait longer with"
                        + " burnwatch.startup.timeout");
        assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    @Test
    @DisplayName("a missing config file exits 2 with one line")
    void missingConfigFile() {
        int code = run("--config", "/nonexistent/burnwatch.properties");

        assertThat(code).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString().contains("/nonexistent/burnwatch.properties", "--config");
    }

    @Test
    @DisplayName("--help lists the flags and every setting with its default")
    void help() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--create-topics", "--set=KEY=VALUE");
        for (String key : BurnwatchSettings.defaults().keySet()) {
            assertThat(out.toString()).contains(key + " = ");
        }
    }

    private int run(String... args) {
        return BurnwatchApp.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String[] errorLines() {
        return err.toString().lines().toArray(String[]::new);
    }
}
