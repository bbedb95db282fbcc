package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command at a small scale on a real broker: every phase runs and every figure is written. The idle
 * rule is made quick (a 5 s confirmation, 300k tokens) so that loopers raise alerts within the short real-time
 * phase; the figures themselves are for the full-size run on an idle machine, not for this test.
 */
@DisplayName("The benchmark command, at a small scale")
class BenchmarkIT {

    @TempDir
    static Path dir;

    private static final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private static int exit;
    private static JsonNode results;

    @BeforeAll
    static void benchmark() throws Exception {
        Path json = dir.resolve("benchmark.json");
        exit = Benchmark.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute("--events", "10000", "--users", "500",
                "--latency-users", "100", "--latency-seconds", "30",
                "-D", "burnwatch.idle.confirm=5s", "-D", "burnwatch.idle.min.tokens=300000",
                "-D", "burnwatch.idle.fingerprint.confirm=5s",
                "--json", json.toString(), "--data-dir", dir.resolve("data").toString(), "--timeout", "300");
        if (exit == 0) {
            results = new ObjectMapper().readTree(json.toFile());
        }
    }

    @Test
    @DisplayName("it runs every phase, prints each figure and stops everything")
    void runsToTheEnd() {
        assertThat(exit).as("exit code; stderr: %s; console:%n%s", err, out).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("load: ", "pass-through: ", "full topology: ",
                "state: ", "restart: ", "alert latency: ", "memory: ", "results written to ")
                .endsWith("stopped" + System.lineSeparator());
    }

    @Test
    @DisplayName("both topologies processed every loaded event, and the ratio is theirs")
    void throughputOfBoth() {
        assertThat(exit).isZero();
        assertThat(results.at("/input/events").asLong()).isBetween(8_000L, 10_000L);
        double full = results.at("/throughput/full_events_per_second").asDouble();
        double passThrough = results.at("/throughput/pass_through_events_per_second").asDouble();
        assertThat(full).isPositive();
        assertThat(passThrough).isPositive();
        assertThat(results.at("/throughput/ratio").asDouble()).isCloseTo(full / passThrough,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(results.at("/throughput/full_cpu_ms_per_1k_events").asLong()).isPositive();
    }

    @Test
    @DisplayName("alerts raised while traffic came in real time have ordered latency percentiles")
    void alertLatency() {
        assertThat(exit).isZero();
        JsonNode latency = results.get("alert_latency");
        assertThat(latency.get("open_alerts").asInt()).isPositive();
        assertThat(latency.at("/kinds/IDLE_LOOP").asInt()).isPositive();
        assertThat(latency.get("p50_ms").asLong()).isNotNegative()
                .isLessThanOrEqualTo(latency.get("p95_ms").asLong());
        assertThat(latency.get("p95_ms").asLong()).isLessThanOrEqualTo(latency.get("p99_ms").asLong());
        assertThat(latency.get("p99_ms").asLong()).isLessThanOrEqualTo(latency.get("max_ms").asLong());
        assertThat(latency.get("input_events_per_second").asLong()).isPositive();
    }

    @Test
    @DisplayName("restarts reach RUNNING on local state and restoring from the changelogs, which hold the state")
    void restartTimes() {
        assertThat(exit).isZero();
        assertThat(results.at("/restart/local_state_seconds").asDouble()).isPositive();
        assertThat(results.at("/restart/restore_seconds").asDouble()).isPositive();
        assertThat(results.at("/restart/changelog_bytes").asLong()).isPositive();
    }

    @Test
    @DisplayName("memory and state per session are measured, and the targets are judged")
    void memoryAndState() {
        assertThat(exit).isZero();
        assertThat(results.at("/memory/peak_heap_used_bytes").asLong()).isPositive()
                .isLessThanOrEqualTo(512L << 20);
        assertThat(results.at("/memory/peak_rss_bytes").asLong()).isGreaterThan(results.at("/memory/peak_live_data_bytes").asLong());
        assertThat(results.at("/state/sessions").asLong()).isPositive();
        assertThat(results.at("/state/bytes_per_session").asLong()).isGreaterThan(
                results.at("/state/session_store_bytes_per_session").asLong());
        assertThat(results.at("/machine/cores").asInt()).isPositive();
        assertThat(results.get("targets").size()).isEqualTo(4);
    }
}
