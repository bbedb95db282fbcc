package io.burnwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad flags stop the simulator before it connects to anything. */
class SimulatorAppTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--users, 0, --users",
            "--users, many, --users",
            "--speed, 0, --speed",
            "--speed, -3, --speed",
            "--duration, -1, --duration",
            "--producer-config, /no/such/producer.properties, --producer-config",
            "--mix, light=lots, --mix",
            "--mix, dragons=5, --mix",
            "--mix, light=0, --mix",
            "--traces, /no/such/traces, --traces",
            "--mode, sideways, --mode",
            "--rate, fast, --rate",
            "--rate, 0, --rate",
            "--hours, 0, --hours",
            "--from, yesterday, --from",
            "--bad-fraction, 2, --bad-fraction",
            "--budget, payments=5000/month, --budget",
            "--budget, team:payments=lots/month, --budget",
            "--budget, team:payments=5000/year, --budget",
            "--via, xml, --via",
            "--via, receiver, --receiver-token-file",
            "--outcome-lag, soon, --outcome-lag",
            "--outcome-lag, -5s, --outcome-lag",
            "--colour, blue, --colour"})
    @DisplayName("a bad flag gives one line naming it, and exit code 2")
    void badFlagGivesOneLineAndExitCode2(String flag, String value, String named) {
        int exit = run(flag, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains(named).startsWith("burnwatch-sim: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("malformed records cannot go with JSON transport")
    void badFractionNeedsAvro() {
        int exit = run("--via", "json", "--bad-fraction", "0.1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--bad-fraction", "--via json");
    }

    @Test
    @DisplayName("the receiver's settings must name a token and a GitHub secret, and the URL be http(s)")
    void receiverNeedsItsCredentials(@TempDir Path dir) throws Exception {
        Path settings = Files.writeString(dir.resolve("receiver.properties"), "burnwatch.receiver.otlp.tokens=t\n");

        assertThat(run("--via", "receiver", "--receiver-token-file", settings.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--receiver-token-file",
                "burnwatch.receiver.github.secret").doesNotContain("=t");

        err.getBuffer().setLength(0);
        assertThat(run("--via", "receiver", "--receiver-token-file", settings.toString(),
                "--receiver-url", "ftp://example")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--receiver-url");
    }

    @Test
    @DisplayName("malformed records cannot go through the receiver")
    void badFractionNotThroughTheReceiver(@TempDir Path dir) throws Exception {
        Path settings = Files.writeString(dir.resolve("receiver.properties"),
                "burnwatch.receiver.otlp.tokens=t\nburnwatch.receiver.github.secret=s\n");

        int exit = run("--via", "receiver", "--receiver-token-file", settings.toString(), "--bad-fraction", "0.1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--bad-fraction", "--via receiver");
    }

    @Test
    void helpListsTheFlags() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--schema-registry-url", "--usage-topic",
                "--outcomes-topic", "--truth-topic", "--truth-file", "--users", "--mix", "--traces", "--seed", "--mode",
                "--speed", "--from", "--hours", "--rate", "--duration", "--bad-fraction", "--budget", "--budgets-topic", "--via", "--outcome-lag",
                "--receiver-url", "--receiver-token-file", "--identities-topic",
                "--producer-config", "KAFKA_");
    }

    private int run(String... args) {
        CommandLine commandLine = SimulatorApp.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
