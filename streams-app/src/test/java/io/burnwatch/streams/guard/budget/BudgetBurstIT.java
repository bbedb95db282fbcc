package io.burnwatch.streams.guard.budget;

import static io.burnwatch.streams.guard.Spends.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.ConsumerLag;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets on a real broker, set with the budget command: a team's members, one on each partition of the input, spend
 * at once, and the threshold they cross together fires once. The tests build on each other's spend, in order.
 */
@DisplayName("Budgets on a real broker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetBurstIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;
    // All calls within one past hour of one UTC day, the period of the daily budget.
    private static final Instant HOUR = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    private static final AtomicInteger MILLIS = new AtomicInteger();

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static BurnwatchConfig config;
    private static BurnwatchService service;
    private static KafkaProducer<String, SpecificRecord> producer;
    private static TopicReader<String, Alert> alerts;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        config = BurnwatchConfig.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "state.dir", dir.resolve("state").toString(),
                "burnwatch.http.port", "0",
                "burnwatch.topic.partitions", Integer.toString(PARTITIONS)));
        try (Admin admin = Admin.create(config.adminConfig())) {
            new BurnwatchTopics(config).ensure(admin);
        }
        // Set before the app starts, so the global store holds it once the app is RUNNING.
        assertThat(budget("set", "team:payments", "--usd", "10", "--period", "day", "--thresholds", "50,80,100",
                "--no-early-warning")).isEqualTo("Set team:payments: $10.00 a day, alerts at 50, 80, 100%, no early warning");
        service = BurnwatchService.start(config);
        Await.until(WAIT, "the app to run", () -> service.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        producer = KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url());
        alerts = new TopicReader<>(broker.bootstrapServers(), config.alertsTopic(), new StringDeserializer(),
                new SpecificAvroDeserializer<>(Alert.class, SchemaRegistries.forUrl(registry.url(), null)));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {alerts, producer, service, registry, broker}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("a burst of calls from members on every partition at once across 50% gets exactly one alert, and no call is lost")
    void burstAcrossAThresholdAlertsOnce() throws Exception {
        send(producer, call("erin", "payments", nextTs(), 4.0));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> members = new ArrayList<>();
        for (String member : onePerPartition()) {
            members.add(CompletableFuture.runAsync(() -> {
                try (KafkaProducer<String, SpecificRecord> own = KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url())) {
                    await(go);
                    for (int i = 0; i < 5; i++) {
                        send(own, call(member, "payments", nextTs(), 0.125));
                    }
                }
            }));
        }
        go.countDown();
        CompletableFuture.allOf(members.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // $4 + 15 x $0.125 = $5.875; $2.125 more makes exactly $8.00, 80%.
        send(producer, call("frank", "payments", nextTs(), 2.125));

        try (Admin admin = Admin.create(config.adminConfig())) {
            ConsumerLag.awaitNone(admin, config.applicationId(), WAIT);
        }
        List<Alert> budgets = budgetAlerts(read -> budgetAlerts(read).size() >= 2);
        assertThat(budgets).extracting(a -> a.getBudget().getThresholdPercent()).containsExactly(50, 80);
        assertThat(budgets.get(0).getUserId()).isEqualTo("team:payments");
        assertThat(budgets.get(0).getBudget().getSpentUsd()).isBetween(5.0, 5.125);
        assertThat(budgets.get(1).getBudget().getSpentUsd()).as("every call counted once").isEqualTo(8.0);
        assertThat(budgets.get(1).getCalls()).isEqualTo(17);
    }

    @Test
    @Order(2)
    @DisplayName("a budget changed with the command applies without a restart")
    void changedBudgetAppliesAtRuntime() {
        assertThat(budget("set", "team:payments", "--usd", "9", "--period", "day", "--no-early-warning"))
                .isEqualTo("Set team:payments: $9.00 a day, alerts at 50, 80, 100%, no early warning");
        assertThat(budget("list")).isEqualTo("team:payments: $9.00 a day, alerts at 50, 80, 100%, no early warning");

        // Small calls until one is checked against the new amount: $9 is crossed at 100% long before $10 would be.
        Alert full = Await.until(WAIT, "the 100% alert of the $9 budget", () -> {
            send(producer, call("alice", "payments", nextTs(), 0.125));
            return budgetAlerts(alerts.readUntil(Duration.ofMillis(500), "alerts", read -> true)).stream()
                    .filter(a -> a.getBudget().getAmountUsd() == 9.0).findFirst().orElse(null);
        });
        assertThat(full.getBudget().getThresholdPercent()).isEqualTo(100);
    }

    @Test
    @Order(3)
    @DisplayName("a budget deleted with the command resolves its open alerts")
    void deletedBudgetResolvesItsAlerts() {
        assertThat(budget("delete", "team:payments")).isEqualTo("Removed the budget of team:payments");
        assertThat(budget("list")).isEqualTo("No budgets");

        List<Alert> resolved = Await.until(WAIT, "the alerts of the removed budget to resolve", () -> {
            send(producer, call("bob", "payments", nextTs().plus(Duration.ofMinutes(2)), 0.01));
            List<Alert> removed = budgetAlerts(alerts.readUntil(Duration.ofMillis(500), "alerts", read -> true)).stream()
                    .filter(a -> a.getResolution() == Resolution.BUDGET_CHANGED).toList();
            return removed.size() >= 3 ? removed : null;
        });
        assertThat(resolved).extracting(a -> a.getBudget().getThresholdPercent()).containsExactlyInAnyOrder(50, 80, 100);
    }

    private static List<Alert> budgetAlerts(java.util.function.Predicate<List<ConsumerRecord<String, Alert>>> done) {
        return budgetAlerts(alerts.readUntil(WAIT, "budget alerts", read -> done.test(read)));
    }

    private static List<Alert> budgetAlerts(List<ConsumerRecord<String, Alert>> read) {
        return read.stream().map(ConsumerRecord::value).filter(a -> a.getKind() == AlertKind.BUDGET).toList();
    }

    /** Runs the budget command against the broker and returns what it printed, failing on an error. */
    private static String budget(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url()));
        all.addAll(List.of(args));
        int exit = BudgetCli.run(all.toArray(String[]::new), Map.of(), Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        return out.toString().strip();
    }

    /** A user on each partition of the usage topic, as the default partitioner places their keys. */
    private static List<String> onePerPartition() {
        Map<Integer, String> members = new TreeMap<>();
        for (int i = 0; members.size() < PARTITIONS; i++) {
            String user = "member-" + i;
            members.putIfAbsent(Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % PARTITIONS, user);
        }
        return List.copyOf(members.values());
    }

    private static Instant nextTs() {
        return HOUR.plusMillis(MILLIS.incrementAndGet());
    }

    private static void send(KafkaProducer<String, SpecificRecord> to, UsageEvent call) {
        to.send(new ProducerRecord<>(config.usageTopic(), null, call.getTs().toEpochMilli(), call.getUserId(), call));
        to.flush();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
