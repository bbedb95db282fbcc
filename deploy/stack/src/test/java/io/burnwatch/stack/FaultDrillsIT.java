package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.FreePort;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.sim.persona.User;
import io.burnwatch.sim.publish.Topics;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.ledger.WindowSize;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.LedgerOutput;
import io.burnwatch.streams.testing.Sentinels;
import io.burnwatch.streams.testing.TokenSums;
import io.burnwatch.streams.testing.WireEvents;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drills on a real broker: the streams app runs in child processes, as in production, while simulated
 * traffic keeps coming, and processes die. Each drill sends its own day of event time. After the last one,
 * sentinels close every window, and once the surviving instance has processed everything, all it wrote is
 * checked against all that came in: no token lost or counted twice, no alert opened twice.
 */
@DisplayName("Fault drills: processes die mid-stream, and every token still counts once and every alert opens once")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsIT {

    private static final int PARTITIONS = 3;
    private static final double EVENTS_PER_SECOND = 200;
    /** Input records the app processes between two faults. */
    private static final long PROGRESS = 500;
    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * A killed instance leaves its consumer group after 6 s rather than Kafka's 45 s. The drills jump a day of
     * event time from one to the next, which no real producer does: a record read a moment after another
     * partition's would then be a day behind stream time, and refused as too old. So the deduplication horizon
     * spans the drills' three days and the sentinels' 31 minutes; malformed records a week old are still refused.
     */
    private static final Map<String, String> APP_SETTINGS = Map.of(
            BurnwatchSettings.TOPIC_PARTITIONS, Integer.toString(PARTITIONS),
            BurnwatchSettings.DEDUP_HORIZON, "96h",
            // Idle-loop decisions are held across the kills and restarts too, but for seconds, not minutes; a drill
            // spans minutes of event time, so its loopers' fingerprints are confirmed after one.
            BurnwatchSettings.IDLE_OUTCOME_DELAY, "2s",
            BurnwatchSettings.IDLE_FINGERPRINT_CONFIRM, "1m",
            "session.timeout.ms", "6000", "heartbeat.interval.ms", "1500");
    private static final String DLQ_REASON = "burnwatch.dlq.reason";
    /** Three days back: every drill's day, and the sentinels after it, are in the past and within retention. */
    private static final Instant FIRST_DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static Admin admin;
    private static BurnwatchConfig config;
    private static WireEvents events;
    private static ConsumerLag lag;
    private static JavaProcess first;
    private static JavaProcess second;
    /** Every record written to the input topics so far. */
    private static long recordsSent;
    /** Each drill's day, with the users whose agents loop in its traffic. */
    private static final Map<Instant, List<String>> drillDays = new TreeMap<>();
    private static Instant lastDay;
    private static Outcome outcome;

    @BeforeAll
    static void startBrokerAndApp() throws Exception {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), StackServices.HOST, 0);
        config = BurnwatchConfig.of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                BurnwatchSettings.TOPIC_PARTITIONS, Integer.toString(PARTITIONS)));
        admin = Admin.create(config.adminConfig());
        new BurnwatchTopics(config).ensure(admin);
        events = new WireEvents(SchemaRegistries.forUrl(registry.url(), null));
        lag = new ConsumerLag(admin, config.applicationId(), List.of(config.usageTopic(), config.outcomesTopic(),
                config.usageJsonTopic(), config.outcomesJsonTopic()));
        first = startApp("first");
    }

    @AfterAll
    static void stopAll() throws Exception {
        // The apps first, while the broker is there for them to leave their group and commit.
        for (AutoCloseable part : new AutoCloseable[] {second, first, admin, registry, broker}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("drill 1: the app is killed with SIGKILL three times mid-stream, each time restarted on its state dir")
    void appKilledAndRestarted() throws Exception {
        drill(0, () -> {
            for (int kill = 0; kill < 3; kill++) {
                awaitProcessed(first);
                first.kill();
                first = startApp("first");
            }
            awaitProcessed(first);
        });
    }

    @Test
    @Order(2)
    @DisplayName("drill 2: the broker stops and starts again on its data dir and port while the traffic and the app run")
    void brokerRestarted() throws Exception {
        drill(1, () -> {
            awaitProcessed(first);
            int port = broker.port();
            broker.close();
            broker = KafkaBroker.start(dir.resolve("kafka"), port);
            awaitProcessed(first);
        });
    }

    @Test
    @Order(3)
    @DisplayName("drill 3: of two instances sharing the work, one is killed with SIGKILL and the other goes on alone")
    void oneOfTwoInstancesKilled() throws Exception {
        drill(2, () -> {
            second = startApp("second");
            awaitProcessed(first, second);
            first.kill();
            awaitProcessed(second);
        });
    }

    @Test
    @Order(4)
    @DisplayName("then, once the survivor has processed all input: every record sent arrived once, repeats included,"
            + " and the dead letters are exactly the malformed records")
    void inputArrivedOnce() {
        Outcome after = afterTheDrills();

        assertThat(after.input().records()).as("records on the input topics").isEqualTo(recordsSent);
        assertThat(after.input().repeats()).as("repeated records in the input").isPositive();
        assertThat(after.deadLetters()).as("records sent well-formed and dead-lettered, with the app's reasons")
                .filteredOn(letter -> events.event(letter.topic(), letter.value())
                        .filter(after.input()::sentWellFormed).isPresent())
                .extracting(FaultDrillsIT::reasonAndMessage).isEmpty();
        assertThat(reasons(after.deadLetters())).as("dead letters by reason; malformed input records by kind")
                .isEqualTo(after.input().malformedKinds());
    }

    @Test
    @Order(5)
    @DisplayName("Σ rollup tokens + Σ late tokens + Σ dead-lettered tokens = Σ input tokens, each event id once, for"
            + " every token type, window size and dimension; commits too")
    void everyTokenCountsOnce() {
        Outcome after = afterTheDrills();
        TokenSums deadLettered = TokenSums.ofCalls(after.deadLetters().stream()
                .flatMap(letter -> events.call(letter.topic(), letter.value()).stream()).toList());

        assertThat(after.ledger().imbalances(after.input().tokens(), deadLettered, after.input().commits()))
                .as("where the ledger does not add up").isEmpty();
        assertThat(deadLettered).as("tokens dead-lettered").isNotEqualTo(TokenSums.ZERO);
        for (Instant day : drillDays.keySet()) {
            assertThat(after.ledger().late()).as("late records of " + day)
                    .anyMatch(late -> !late.windowStart().isBefore(day)
                            && late.windowStart().isBefore(day.plus(Duration.ofDays(1))));
        }
    }

    @Test
    @Order(6)
    @DisplayName("each user's rollup of each window, plus the calls late for it, holds exactly that user's calls in"
            + " that window, and no rollup was written twice")
    void noRollupCountsTwice() {
        Outcome after = afterTheDrills();

        assertThat(UserWindows.of(after.ledger())).as("tokens by window size, user and window start")
                .isEqualTo(UserWindows.of(after.input().calls().values()));
        for (WindowSize size : WindowSize.values()) {
            assertThat(after.ledger().rollups().get(size)).as("%s rollups", size.label())
                    .extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        }
    }

    @Test
    @Order(7)
    @DisplayName("every alert episode has exactly one OPEN, and every drill's idle loopers were alerted")
    void everyEpisodeOpensOnce() {
        AlertEpisodes episodes = new AlertEpisodes(afterTheDrills().alerts());

        assertThat(episodes.opens()).as("OPEN records per alert id").isNotEmpty()
                .allSatisfy((alertId, opens) -> assertThat(opens).as(alertId).isOne());
        drillDays.forEach((day, loopers) -> assertThat(episodes.usersOpenedBetween(day, day.plus(Duration.ofDays(1))))
                .as("users with an alert opened on " + day).containsAll(loopers));
    }

    /** What the drills left: read once, after sentinels closed every window and the survivor caught up. */
    private record Outcome(DrillInput input, LedgerOutput ledger, List<ConsumerRecord<String, byte[]>> deadLetters,
                           List<Alert> alerts) {
    }

    private static synchronized Outcome afterTheDrills() {
        if (outcome == null) {
            JavaProcess survivor = second != null && second.isAlive() ? second : first;
            // Past the end of the last day's 1d windows and their 30 min of grace, in every task.
            sendSentinels(lastDay.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(31)));
            Await.until(WAIT, "the app to process all its input", () -> {
                survivor.requireRunning();
                return lag.records() == 0;
            });
            Readback readback = new Readback(config, events);
            outcome = new Outcome(readback.input(), readback.ledger(), readback.deadLetters(), readback.alerts());
        }
        return outcome;
    }

    /** What a drill does to the processes while its traffic flows. */
    private interface Faults {
        void inflict() throws Exception;
    }

    /** Sends the {@code index}th drill's traffic, on a day of its own, while {@code faults} happen. */
    private static void drill(int index, Faults faults) throws Exception {
        lastDay = FIRST_DAY.plus(Duration.ofDays(index));
        try (DrillTraffic traffic = DrillTraffic.start(client(), topics(), lastDay, index + 1, EVENTS_PER_SECOND)) {
            drillDays.put(lastDay, traffic.loopers().stream().map(User::userId).toList());
            faults.inflict();
            recordsSent += traffic.stop();
        }
    }

    /**
     * Waits until the app has processed {@value #PROGRESS} more input records (its consumer group's committed
     * offsets), failing at once if one of {@code apps} exits; offsets that cannot be read, the broker being away,
     * are waited out.
     */
    private static void awaitProcessed(JavaProcess... apps) {
        long from = Await.until(WAIT, "the committed offsets", FaultDrillsIT::processedOrNull);
        Await.until(WAIT, PROGRESS + " more input records processed", () -> {
            Arrays.stream(apps).forEach(JavaProcess::requireRunning);
            Long processed = processedOrNull();
            return processed != null && processed >= from + PROGRESS;
        });
    }

    private static Long processedOrNull() {
        try {
            return admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS).entrySet().stream()
                    .filter(committed -> List.of(config.usageTopic(), config.outcomesTopic())
                            .contains(committed.getKey().topic()) && committed.getValue() != null)
                    .mapToLong(committed -> committed.getValue().offset()).sum();
        } catch (ExecutionException | TimeoutException brokerAway) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JavaProcess startApp(String name) throws Exception {
        int httpPort = FreePort.pick();
        JavaProcess app = StreamsApp.start(name + " streams app", List.of("-Xmx1g"), broker.bootstrapServers(), registry.url(), httpPort,
                dir.resolve(name), dir.resolve(name + ".log"), APP_SETTINGS);
        Readiness.await(StreamsApp.ready(httpPort), app, WAIT, () -> false);
        return app;
    }

    private static void sendSentinels(Instant ts) {
        try (KafkaProducer<String, SpecificRecord> producer = KafkaProducers.avroProducer(broker.bootstrapServers(),
                registry.url())) {
            for (UsageEvent sentinel : Sentinels.at(ts, PARTITIONS, "sentinel")) {
                producer.send(new ProducerRecord<>(config.usageTopic(), null, ts.toEpochMilli(), sentinel.getUserId(),
                        sentinel));
                recordsSent++;
            }
        }
    }

    private static Map<String, Long> reasons(List<ConsumerRecord<String, byte[]>> deadLetters) {
        Map<String, Long> reasons = new TreeMap<>();
        deadLetters.forEach(letter -> reasons.merge(
                header(letter, DLQ_REASON), 1L, Long::sum));
        return reasons;
    }

    private static String reasonAndMessage(ConsumerRecord<String, byte[]> letter) {
        return header(letter, DLQ_REASON) + ": " + header(letter, "__streams.errors.message");
    }

    private static String header(ConsumerRecord<String, byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? "(no " + name + ")" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Properties client() {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        client.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        return client;
    }

    private static Topics topics() {
        return new Topics(config.usageTopic(), config.outcomesTopic(), "burnwatch.truth");
    }
}
