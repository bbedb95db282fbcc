package io.burnwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.sim.bad.BadInputSink;
import io.burnwatch.sim.bad.BadKind;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.persona.SimEvents;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a real broker and schema registry. */
class SimulatorIT {

    private static final int PARTITIONS = 3;

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startKafka() throws Exception {
        broker = KafkaBroker.start(dataDir.resolve("kafka"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stopKafka() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("a short fast run delivers the seed's events keyed by user and every session's ground truth keyed by session, as Avro the registry can resolve")
    void deliversTheSimulatedEvents() throws Exception {
        long seed = 42;
        createTopics("delivery.usage", "delivery.outcomes", "delivery.truth");
        Path truthFile = dataDir.resolve("truth.jsonl");
        int exit = SimulatorApp.commandLine().execute("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url(), "--speed", "480", "--duration", "5",
                "--seed", Long.toString(seed), "--usage-topic", "delivery.usage", "--outcomes-topic", "delivery.outcomes",
                "--truth-topic", "delivery.truth", "--truth-file", truthFile.toString());
        assertThat(exit).isZero();

        List<ConsumerRecord<String, UsageEvent>> usage = readAll("delivery.usage", UsageEvent.class);
        List<ConsumerRecord<String, OutcomeEvent>> outcomes = readAll("delivery.outcomes", OutcomeEvent.class);

        // Five seconds at speed 480 are 40 minutes of event time: thousands of looper calls, and the heavy users'
        // first commits (15-50 minutes after they start).
        assertThat(usage).hasSizeGreaterThan(300);
        assertThat(outcomes).isNotEmpty();
        assertThat(usage).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getUserId());
            assertThat(r.timestamp()).isEqualTo(r.value().getTs().toEpochMilli());
        });
        assertThat(outcomes).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getUserId());
            assertThat(r.timestamp()).isEqualTo(r.value().getTs().toEpochMilli());
        });
        Cast cast = Cast.of(seed, 6);
        assertThat(usage).anyMatch(r -> r.key().equals(cast.looper().userId()));
        assertThat(outcomes).noneMatch(r -> r.key().equals(cast.looper().userId()));

        // Every session has its ground truth, keyed by session id, on the topic and in the file.
        List<ConsumerRecord<String, SessionTruth>> truths = readAll("delivery.truth", SessionTruth.class);
        assertThat(truths).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getSessionId()));
        assertThat(truths.stream().map(ConsumerRecord::key).toList()).doesNotHaveDuplicates()
                .containsAll(usage.stream().map(r -> r.value().getSessionId()).collect(Collectors.toSet()));
        assertThat(truths).filteredOn(r -> r.value().getUserId().equals(cast.looper().userId())).singleElement()
                .satisfies(r -> {
                    assertThat(r.value().getLabel()).isEqualTo(TruthLabel.SHOULD_ALERT);
                    assertThat(r.value().getDetectableFrom()).isNotNull().isAfter(r.value().getStartedAt());
                    assertThat(r.timestamp()).isEqualTo(r.value().getDetectableFrom().toEpochMilli());
                });
        assertThat(Files.readAllLines(truthFile)).hasSize(truths.size())
                .allSatisfy(line -> assertThat(line).startsWith("{\"session_id\":\"s-"));

        // Nothing lost or made up: exactly the first events of the seed's simulation, whenever it started.
        Set<String> ids = new HashSet<>();
        List<String> delivered = new ArrayList<>();
        usage.forEach(r -> {
            ids.add(r.value().getEventId());
            delivered.add(SimEvents.shape(r.value()));
        });
        outcomes.forEach(r -> {
            ids.add(r.value().getEventId());
            delivered.add(SimEvents.shape(r.value()));
        });
        assertThat(ids).hasSize(delivered.size());
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(firstShapes(cast, delivered.size()));
    }

    @Test
    @DisplayName("a user's usage and outcomes land on the same partition number of both topics")
    void usageAndOutcomesAreCoPartitioned() throws Exception {
        createTopics("copart.usage", "copart.outcomes"); // the simulator creates its truth topic
        int exit = SimulatorApp.commandLine().execute("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url(), "--speed", "450", "--duration", "4", "--seed", "7",
                "--users", "9", "--usage-topic", "copart.usage", "--outcomes-topic", "copart.outcomes",
                "--truth-topic", "copart.truth");
        assertThat(exit).isZero();

        // Four seconds at speed 450 are half an hour of event time: heavy users have committed by then.
        Map<String, Set<Integer>> partitionsOfUser = new HashMap<>();
        readAll("copart.usage", UsageEvent.class).forEach(r ->
                partitionsOfUser.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition()));
        assertThat(readAll("copart.outcomes", OutcomeEvent.class)).isNotEmpty();
        readAll("copart.outcomes", OutcomeEvent.class).forEach(r ->
                partitionsOfUser.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition()));

        assertThat(partitionsOfUser).hasSizeGreaterThanOrEqualTo(5);
        assertThat(partitionsOfUser.values()).allSatisfy(partitions -> assertThat(partitions).hasSize(1));
        assertThat(partitionsOfUser.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                .hasSizeGreaterThan(1);
        assertThat(readAll("copart.truth", SessionTruth.class)).isNotEmpty();
    }

    @Test
    @DisplayName("a replay sends --hours of event time from --from at once, with labelled malformed records of each kind")
    void replaysASpanWithMalformedRecords() throws Exception {
        createTopics("replay.usage", "replay.outcomes");
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        int exit = SimulatorApp.commandLine().execute("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url(), "--mode", "replay", "--from", from.toString(), "--hours", "2",
                "--users", "20", "--bad-fraction", "0.2", "--usage-topic", "replay.usage",
                "--outcomes-topic", "replay.outcomes");
        assertThat(exit).isZero();

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(readAll("replay.usage", new ByteArrayDeserializer()));
        records.addAll(readAll("replay.outcomes", new ByteArrayDeserializer()));
        List<ConsumerRecord<String, byte[]>> bad = records.stream()
                .filter(r -> r.headers().lastHeader(BadInputSink.HEADER) != null).toList();
        List<ConsumerRecord<String, byte[]>> good = records.stream()
                .filter(r -> r.headers().lastHeader(BadInputSink.HEADER) == null).toList();

        Instant end = from.plus(Duration.ofHours(2));
        assertThat(good).hasSizeGreaterThan(1_000)
                .allSatisfy(r -> assertThat(Instant.ofEpochMilli(r.timestamp())).isBefore(end));
        assertThat(good.stream().map(r -> Instant.ofEpochMilli(r.timestamp())).max(Instant::compareTo).orElseThrow())
                .isAfter(end.minus(Duration.ofMinutes(5)));
        assertThat(good.stream().filter(r -> !Instant.ofEpochMilli(r.timestamp()).isBefore(from)).count())
                .isGreaterThan(good.size() * 9L / 10);
        assertThat(bad.size()).isBetween(good.size() / 8, good.size() / 3);
        assertThat(bad.stream().map(r -> new String(r.headers().lastHeader(BadInputSink.HEADER).value(),
                StandardCharsets.UTF_8)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(BadKind.values()).map(Enum::name).toList());
    }

    private static void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList())
                    .all().get();
        }
    }

    private static List<String> firstShapes(Cast cast, int count) {
        Simulation simulation = new Simulation(cast.personas(Instant.EPOCH));
        List<String> shapes = new ArrayList<>();
        while (shapes.size() < count) {
            SimEvent event = simulation.next();
            if (!(event instanceof SimEvent.Truth)) {
                shapes.add(SimEvents.shape(event.record()));
            }
        }
        return shapes;
    }

    /** Every record on the topic, read up to the end offsets, which are final once the simulator has returned. */
    private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic, Class<T> type) {
        return readAll(topic, new SpecificAvroDeserializer<>(type));
    }

    private static <T> List<ConsumerRecord<String, T>> readAll(String topic, Deserializer<T> values) {
        values.configure(Map.of("schema.registry.url", registry.url()), false);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, T>> records = new ArrayList<>();
            Await.until(Duration.ofSeconds(30), "reading " + topic + " to its end", () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
        }
    }
}
