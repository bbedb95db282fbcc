package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.FreePort;
import io.burnwatch.sim.persona.Cast;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole stack, in this JVM and its children, for a short fast run. */
class LocalStackIT {

    private static final long SEED = 42;
    private static final String STATUS_LINE = "events in: [\\d,]+ \\([\\d,]+/s\\) \\| open alerts: \\d+ \\| rollups: [\\d,]+";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @DisplayName("the stack alerts on the looping user, prints status lines, stops cleanly after --duration and exits 0")
    void runsAlertsAndStopsCleanly() throws Exception {
        int brokerPort = FreePort.pick();
        int registryPort = distinctFreePort(brokerPort);
        int httpPort = distinctFreePort(brokerPort, registryPort);
        int receiverPort = distinctFreePort(brokerPort, registryPort, httpPort);
        String looper = Cast.of(SEED, 6).looper().userId();

        CompletableFuture<Integer> stack = CompletableFuture.supplyAsync(() -> LocalStack.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("--duration", "30", "--sim-speed", "10", "--seed", Long.toString(SEED),
                        "--data-dir", dataDir.toString(), "--broker-port", Integer.toString(brokerPort),
                        "--registry-port", Integer.toString(registryPort), "--http-port", Integer.toString(httpPort),
                        "--receiver-port", Integer.toString(receiverPort)));
        try {
            Await.until(Duration.ofSeconds(120), "the simulator to start",
                    () -> console().contains("simulator running") || stack.isDone());
            assertThat(console()).contains("simulator running");

            acceptsRecordsStampedHoursAhead("127.0.0.1:" + brokerPort);
        } finally {
            stack.get(90, TimeUnit.SECONDS); // never leave a stack running behind a failed check
        }

        int exit = stack.get();
        List<String> lines = console().lines().toList();

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        assertThat(lines.get(0)).startsWith("burnwatch local stack | broker 127.0.0.1:" + brokerPort
                + " | registry http://127.0.0.1:" + registryPort + " | app http://127.0.0.1:" + httpPort);
        assertThat(lines).as("console:%n%s", console())
                .anyMatch(line -> line.matches("ALERT OPEN +" + looper + "/s-[0-9a-f]{8}  .+"));
        assertThat(lines).noneMatch(line -> line.startsWith("ALERT") && !line.contains(" " + looper + "/"));
        assertThat(lines.stream().filter(line -> line.matches(STATUS_LINE))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).anyMatch(line -> line.matches(STATUS_LINE) && line.contains("open alerts: 1"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("stopped");

        // Stopped means stopped: nothing listens on the stack's ports any more, and the simulator flushed on SIGTERM.
        assertThat(lines).anyMatch(line -> line.startsWith("receiver ready on http://127.0.0.1:" + receiverPort));
        assertThat(Files.readString(dataDir.resolve("agent.env"))).contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:"
                + receiverPort, "Authorization=Bearer ");
        for (int port : new int[] {brokerPort, registryPort, httpPort, receiverPort}) {
            assertThat(FreePort.isFree("127.0.0.1", port)).as("port %d is free again", port).isTrue();
        }
        assertThat(Files.readString(dataDir.resolve("sim.log"))).contains("Stopping after");
        assertThat(dataDir.resolve("app.log")).isNotEmptyFile();
    }

    /** The simulator runs ahead of the wall clock; the broker must not reject its records after an hour of that. */
    private static void acceptsRecordsStampedHoursAhead(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic("probe.event-time-ahead", 1, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long threeHoursAhead = Instant.now().plus(Duration.ofHours(3)).toEpochMilli();
            producer.send(new ProducerRecord<>("probe.event-time-ahead", null, threeHoursAhead, "k", "v"))
                    .get(15, TimeUnit.SECONDS);
        }
    }

    private String console() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int distinctFreePort(int... taken) {
        return Await.until(Duration.ofSeconds(5), "a free port", () -> {
            int port = FreePort.pick();
            for (int t : taken) {
                if (t == port) {
                    return null;
                }
            }
            return port;
        });
    }
}
