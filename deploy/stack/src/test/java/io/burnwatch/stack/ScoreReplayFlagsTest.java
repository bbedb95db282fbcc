package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad flags stop a replay score before it starts anything. */
class ScoreReplayFlagsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "--users 0; --users",
            "--hours 0; --hours",
            "--hours many; --hours",
            "--mix loop=5; --mix",
            "--from yesterday; --from",
            "--json /no/such/dir/score.json; --json",
            "--timeout 0; --timeout",
            "--via xml; --via",
            "--outcome-lag soon; --outcome-lag",
            "--app-setting nokey; --app-setting",
            "--app-setting =5; --app-setting",
            "--app-setting burnwatch.no.such.setting=1; burnwatch.no.such.setting",
            "--turbo; --turbo"})
    @DisplayName("a bad flag gives one line naming it, and exit code 2")
    void badFlagIsOneLineAndExitCode2(String args, String named) {
        int exit = run(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().startsWith("score-replay: ").contains(named);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("a data directory that is a file is refused")
    void aDataDirThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        int exit = run("--data-dir", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("--data-dir");
    }

    private int run(String... args) {
        return ScoreReplay.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String[] errLines() {
        return err.toString(StandardCharsets.UTF_8).strip().split("\\R");
    }
}
