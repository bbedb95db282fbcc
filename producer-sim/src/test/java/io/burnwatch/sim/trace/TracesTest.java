package io.burnwatch.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TracesTest {

    private static final Path SHARED = Path.of("..", "..", "shared", "traces");

    @Test
    @DisplayName("the packaged samples are small, licensed, and hold a few hundred rows of each trace")
    void packagedSamplesAreSmallAndLicensed() throws IOException, URISyntaxException {
        Path root = Path.of(Traces.class.getResource("/traces/README.md").toURI()).getParent();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).mapToLong(TracesTest::size).sum()).isLessThan(200_000);
        }
        assertThat(root.resolve("azure_llm_2023/LICENSE")).exists();
        assertThat(root.resolve("mooncake_fast25/LICENSE-APACHE")).exists();
        assertThat(root.resolve("servegen/LICENSE")).exists();
        assertThat(root.resolve("minisweagent_deepseek_pr/LICENSE.md")).exists();
        assertThat(Files.readString(root.resolve("README.md"))).contains("Splitwise", "Mooncake", "ServeGen",
                "mini-swe-agent", "CC-BY-4.0", "Apache-2.0", "MIT");

        Traces traces = Traces.packaged();
        assertThat(traces.agentRuns().all()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(run -> assertThat(run).hasSizeGreaterThan(10));
        assertThat(traces.longContexts().maxContext()).isGreaterThan(traces.chats().maxContext());
    }

    @Test
    @DisplayName("agent runs keep the trace's prompt growth, cached share and gaps between steps")
    void agentRunsKeepTheirShape() {
        for (var run : Traces.packaged().agentRuns().all()) {
            assertThat(run.get(0).gap()).isZero();
            assertThat(run.get(run.size() - 1).promptTokens()).isGreaterThan(run.get(0).promptTokens());
            assertThat(run).allSatisfy(step -> assertThat(step.cachedTokens()).isBetween(0L, step.promptTokens()));
            assertThat(run.stream().skip(1)).anySatisfy(step -> assertThat(step.gap()).isPositive());
        }
    }

    @Test
    @DisplayName("a ServeGen week is on in some 20-minute windows and off in others, and says when it is next on")
    void weeksAreOnAndOff() {
        OnOff.Week week = Traces.packaged().activity().draw(new SplittableRandom(3));
        Duration on = week.nextOn(Duration.ZERO);

        assertThat(week.isOn(on)).isTrue();
        assertThat(Stream.iterate(Duration.ZERO, d -> d.plus(OnOff.WINDOW)).limit(OnOff.WINDOWS_PER_WEEK))
                .anyMatch(d -> !week.isOn(d));
        assertThat(week.nextOn(on.plusSeconds(1))).isEqualTo(on.plusSeconds(1));
    }

    @Test
    @DisplayName("the full traces read the same way as the samples, when they are there")
    void readsTheFullTraces() {
        assumeTrue(Files.isDirectory(SHARED), "no shared traces beside the project");
        Traces full = Traces.from(SHARED);

        assertThat(full.agentRuns().all()).hasSizeGreaterThan(Traces.packaged().agentRuns().all().size());
        assertThat(full.longContexts().maxContext()).isGreaterThanOrEqualTo(Traces.packaged().longContexts().maxContext());
    }

    @Test
    @DisplayName("a directory without the traces is refused, naming the missing file")
    void missingTracesAreNamed(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThatThrownBy(() -> Traces.from(empty)).hasMessageContaining("AzureLLMInferenceTrace_code.csv");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
