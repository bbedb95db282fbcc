package io.burnwatch.streams.topology;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.registry.SchemaRegistryClient;
import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.PythonProducer;
import io.burnwatch.streams.testing.Sentinels;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's calls from Confluent's Python client, whose librdkafka partitioner hashes keys with CRC32, and from Java,
 * which hashes with murmur2: the two producers put them on different partitions.
 */
@DisplayName("Calls partitioned by a librdkafka producer on a real broker")
class PythonProducerPartitionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 6;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static BurnwatchConfig config;
    private static BurnwatchService service;
    private static PythonProducer python;

    @BeforeAll
    static void start() throws Exception {
        python = new PythonProducer(dir);
        python.requireInstalled();
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
        service = BurnwatchService.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {service, registry, broker}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @DisplayName("three calls from Python and three from Java count in one task: one USER rollup of six, one TEAM rollup of six")
    void callsOfOneUserCountTogether() throws Exception {
        Await.until(WAIT, "burnwatch to run", () -> service.state() == KafkaStreams.State.RUNNING);
        String user = userWhosePartitionsDiffer();
        // The user's day answers /users: the minute must be today's.
        Await.until(Duration.ofMinutes(4), "a UTC day three minutes old",
                () -> Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.DAYS)
                        .equals(Instant.now().truncatedTo(ChronoUnit.DAYS)));
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
        List<UsageEvent> fromPython = calls(user, minute, 1, 2, 3);
        List<UsageEvent> fromJava = calls(user, minute, 4, 5, 6);

        List<Integer> pythonPartitions = python.send(broker.bootstrapServers(), registry.url(), config.usageTopic(), fromPython);
        List<Integer> javaPartitions = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url())) {
            for (UsageEvent call : fromJava) {
                javaPartitions.add(producer.send(new ProducerRecord<>(config.usageTopic(), user, call)).get().partition());
            }
            // The calls read from another partition than the user's arrive through a repartition topic: the
            // minute closes only once they are in, as it would in real time.
            Await.until(WAIT, "the user's six calls in one place", () -> requestsToday(user) == 6);
            // Past the minute's close in every task of the user, team and model stages.
            for (UsageEvent sentinel : Sentinels.at(Instant.now().minusSeconds(1), PARTITIONS, "sentinel")) {
                producer.send(new ProducerRecord<>(config.usageTopic(), sentinel.getUserId(), sentinel));
            }
        }
        assertThat(pythonPartitions).as("librdkafka's partitions: CRC32").containsOnly(crc32Partition(user));
        assertThat(javaPartitions).as("Java's partitions: murmur2").containsOnly(UserPartition.of(user, PARTITIONS));

        List<UsageRollup> closed;
        SchemaRegistryClient registryClient = SchemaRegistries.forUrl(registry.url(), null);
        try (TopicReader<RollupKey, UsageRollup> rollups = new TopicReader<>(broker.bootstrapServers(),
                config.rollups1mTopic(), new SpecificAvroDeserializer<>(RollupKey.class, registryClient),
                new SpecificAvroDeserializer<>(UsageRollup.class, registryClient))) {
            closed = rollups.readUntil(WAIT, "the team's minute to close", read -> read.stream()
                            .anyMatch(record -> isOf(record.value(), Dimension.TEAM, "payments", minute)))
                    .stream().map(ConsumerRecord::value).toList();
        }
        assertThat(closed).filteredOn(rollup -> isOf(rollup, Dimension.USER, user, minute))
                .as("one rollup for the user's minute, of all six calls")
                .singleElement().satisfies(rollup -> assertThat(rollup.getRequests()).isEqualTo(6));
        assertThat(closed).filteredOn(rollup -> isOf(rollup, Dimension.TEAM, "payments", minute))
                .singleElement().satisfies(rollup -> assertThat(rollup.getRequests()).isEqualTo(6));
    }

    /** The user's calls today as {@code /users/{id}} answers them. */
    private static long requestsToday(String user) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(service.httpUrl() + "/users/" + user)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("requests").asLong() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<UsageEvent> calls(String user, Instant minute, int... seconds) {
        return IntStream.of(seconds).mapToObj(second -> call(user, "s-1", minute.plusSeconds(second))
                .setEventId(user + "-" + second).setTeamId("payments").setInputTokens(100).build()).toList();
    }

    private static boolean isOf(UsageRollup rollup, Dimension dimension, String value, Instant start) {
        return rollup.getDimension() == dimension && rollup.getDimensionValue().equals(value)
                && rollup.getWindowStart().equals(start);
    }

    /** A user that librdkafka's default partitioner and Java's put on different partitions. */
    private static String userWhosePartitionsDiffer() {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "user-" + i)
                .filter(user -> crc32Partition(user) != UserPartition.of(user, PARTITIONS)).findFirst().orElseThrow();
    }

    /** librdkafka's {@code consistent_random}: CRC32 of the key modulo the partition count. */
    private static int crc32Partition(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PARTITIONS);
    }
}
