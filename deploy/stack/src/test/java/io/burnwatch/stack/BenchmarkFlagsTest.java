package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad flags stop a benchmark before it starts anything; its figures are read as a Prometheus server reads them. */
class BenchmarkFlagsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "--events 0; --events",
            "--users 0; --users",
            "--heap lots; --heap",
            "--latency-seconds 0; --latency-seconds",
            "-D burnwatch.idle.window=soon; burnwatch.idle.window",
            "--json /no/such/dir/benchmark.json; --json",
            "--turbo; --turbo"})
    @DisplayName("a bad flag gives one line naming it, and exit code 2")
    void badFlagIsOneLineAndExitCode2(String args, String named) {
        int exit = Benchmark.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().split("\\R")).singleElement().asString()
                .startsWith("benchmark: ").contains(named);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    @DisplayName("a latency percentile is the nearest-rank value, and -1 when no alert came")
    void nearestRankPercentiles() {
        List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(AlertLatency.at(hundred, 0.50)).isEqualTo(50);
        assertThat(AlertLatency.at(hundred, 0.99)).isEqualTo(99);
        assertThat(AlertLatency.at(List.of(7L), 0.99)).isEqualTo(7);
        assertThat(AlertLatency.at(List.of(), 0.5)).isEqualTo(-1);
    }

    @Test
    @DisplayName("the heap in use is the sum of the heap pools' samples in the Prometheus exposition")
    void heapFromTheExposition() {
        String exposition = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
                jvm_gc_live_data_size_bytes 2.5E7
                """;

        assertThat(AppFootprint.sum(exposition, "jvm_memory_used_bytes{", "area=\"heap\"")).isEqualTo(4.2E7);
        assertThat(AppFootprint.sum(exposition, "jvm_gc_live_data_size_bytes", "")).isEqualTo(2.5E7);
    }
}
