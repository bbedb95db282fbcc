package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad flags and taken ports stop the stack before it starts anything. */
class LocalStackFlagsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @DisplayName("a taken port gives one line naming the port, its flag and the fix, and exit code 2")
    void takenPortIsOneLineAndExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            int exit = run("--broker-port", Integer.toString(port), "--registry-port", free(), "--http-port", free());

            assertThat(exit).isEqualTo(2);
            assertThat(errLines()).hasSize(1);
            assertThat(errLines()[0]).startsWith("burnwatch-stack: ").contains(Integer.toString(port))
                    .contains("--broker-port").contains("already in use");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void eachPortFlagIsNamedWhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int exit = run("--broker-port", free(), "--registry-port", free(),
                    "--http-port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(2);
            assertThat(errLines()).singleElement().asString().contains("--http-port");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "--sim-speed 0; --sim-speed",
            "--sim-speed fast; --sim-speed",
            "--duration -5; --duration",
            "--broker-port 70000; --broker-port",
            "--http-port 0; --http-port",
            "--registry-port 9092; --registry-port",
            "--sim-via carrier-pigeon; --sim-via",
            "--sim-via receiver --no-sim; --sim-via",
            "--turbo; --turbo"})
    @DisplayName("a bad flag gives one line naming it, and exit code 2")
    void badFlagIsOneLineAndExitCode2(String args, String named) {
        int exit = run(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().startsWith("burnwatch-stack: ").contains(named);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("--sim-via is listed in the help, kafka by default")
    void simViaIsInTheHelp() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--sim-via", "kafka|receiver", "default: kafka");
    }

    @Test
    void aDataDirThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        int exit = run("--data-dir", file.toString(), "--broker-port", free(), "--registry-port", free(),
                "--http-port", free());

        assertThat(exit).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("--data-dir");
    }

    private int run(String... args) {
        return LocalStack.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String[] errLines() {
        return err.toString(StandardCharsets.UTF_8).strip().split("\\R");
    }

    private static String free() {
        return Integer.toString(FreePort.pick());
    }
}
