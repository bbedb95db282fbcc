package io.burnwatch.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.registry.SchemaRegistryClient;
import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.LateRecord;
import io.burnwatch.streams.testing.LedgerOutput;
import io.burnwatch.streams.testing.Sentinels;
import io.burnwatch.streams.testing.TokenSums;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.testing.WireEvents;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's invariant on a real broker with exactly-once processing: for every token type, window size and
 * dimension, the tokens in the rollups plus the tokens on the late topic plus the tokens dead-lettered equal the
 * tokens that came in, each event id counted once.
 */
@DisplayName("Ledger invariant on a real broker")
class LedgerInvariantIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static BurnwatchConfig config;
    private static BurnwatchService service;
    private static SchemaRegistryClient registryClient;
    private static WireEvents events;

    @BeforeAll
    static void startPipeline() throws Exception {
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
        registryClient = SchemaRegistries.forUrl(registry.url(), null);
        events = new WireEvents(registryClient);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (service != null) {
            service.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("Σ rollups + Σ late + Σ dead-lettered = Σ input, exactly, for every token type, window size and dimension,"
            + " with repeats, late and malformed input; one 1d record per key")
    void everyTokenCountsExactlyOnce() {
        // Three UTC days of traffic, ending before yesterday: brokers keep a week, and every window can close.
        Instant firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(4));
        Random random = new Random(20260302);
        List<SpecificRecord> input = traffic(random, firstDay);
        List<UsageEvent> refused = refused(eventTime(input.get(input.size() / 2)));
        List<byte[]> unreadable = List.of("not avro".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2},
                new byte[] {0, 0, 0});
        int repeats = 0;
        try (KafkaProducer<String, SpecificRecord> producer = KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url());
             KafkaProducer<String, byte[]> raw = KafkaProducers.rawProducer(broker.bootstrapServers())) {
            for (int i = 0; i < input.size(); i++) {
                producer.send(record(input.get(i)));
                // A producer's retry: some events come again a few records later, with the same event id.
                if (i >= 5 && i % 23 == 0) {
                    producer.send(record(input.get(i - random.nextInt(5))));
                    repeats++;
                }
                if (i == input.size() / 2) {
                    // Stamped with the send time: the broker refuses records stamped days ahead.
                    refused.forEach(call -> producer.send(new ProducerRecord<>(config.usageTopic(), call.getUserId(), call)));
                    producer.flush();
                    unreadable.forEach(bytes -> raw.send(new ProducerRecord<>(config.usageTopic(), "ada", bytes)));
                    raw.flush();
                }
            }
            // One call per partition of each stage moves every task's stream time past the last close.
            Sentinels.at(Instant.now().minus(Duration.ofMinutes(1)), PARTITIONS, "sentinel")
                    .forEach(event -> producer.send(record(event)));
        }
        assertThat(repeats).as("the traffic has repeats").isPositive();
        TokenSums sent = TokenSums.ofCalls(input).plus(TokenSums.ofCalls(refused));
        TokenSums dead = TokenSums.ofCalls(deadLettered(refused.size() + unreadable.size()));
        assertThat(dead).as("the refused calls' tokens, all of them in the dead letter queue")
                .isEqualTo(TokenSums.ofCalls(refused));
        long commitsSent = input.stream().filter(e -> e instanceof OutcomeEvent o && o.getKind() == OutcomeKind.COMMIT).count();

        Map<WindowSize, TopicReader<RollupKey, UsageRollup>> rollupReaders = new EnumMap<>(WindowSize.class);
        try (TopicReader<String, byte[]> late = new TopicReader<>(broker.bootstrapServers(), config.lateTopic(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            for (WindowSize size : WindowSize.values()) {
                rollupReaders.put(size, rollupReader(size));
            }
            List<LateRecord> lateRead = new ArrayList<>();
            AtomicReference<LedgerOutput> output = new AtomicReference<>();
            Await.until(WAIT, "rollups and late events to add up to the input in every dimension and size", (BooleanSupplier) () -> {
                List<ConsumerRecord<String, byte[]>> all = late.readUntil(WAIT, "late events so far", read -> true);
                all.subList(lateRead.size(), all.size()).forEach(record -> lateRead.add(LateRecord.of(record, events)));
                Map<WindowSize, List<ConsumerRecord<RollupKey, UsageRollup>>> rollups = new EnumMap<>(WindowSize.class);
                for (WindowSize size : WindowSize.values()) {
                    rollups.put(size, rollupReaders.get(size).readUntil(WAIT, "rollups so far", read -> true));
                }
                output.set(new LedgerOutput(rollups, List.copyOf(lateRead)));
                return output.get().imbalances(sent, dead, commitsSent).isEmpty();
            });

            assertThat(output.get().imbalances(sent, dead, commitsSent)).as("where the ledger does not add up").isEmpty();
            List<ConsumerRecord<RollupKey, UsageRollup>> days = output.get().rollups().get(WindowSize.DAY);
            assertThat(days).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
            assertThat(days).extracting(r -> r.key().getDimension()).contains(Dimension.values());
            assertThat(days).filteredOn(r -> r.key().getDimension() == Dimension.USER)
                    .as("three days of each of six users").hasSize(18);
            assertThat(lateRead).as("the traffic has late events").isNotEmpty();
        } finally {
            rollupReaders.values().forEach(TopicReader::close);
        }
    }

    /** Calls and outcomes of six users in three teams (one without) on four model names, some of them late. */
    private static List<SpecificRecord> traffic(Random random, Instant firstDay) {
        String[] users = {"ada", "bo", "cy", "di", "ed", "flo"};
        String[] teams = {"payments", "payments", "search", "search", null, "infra"};
        String[] models = {"claude-sonnet-4-20250514", "anthropic/claude-sonnet-4", "gpt-4o-2024-08-06", "gemini-2.5-flash"};
        long span = Duration.ofDays(3).toMillis();
        record Timed(long sendAt, SpecificRecord event) {
        }
        List<Timed> timed = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int user = random.nextInt(users.length);
            long sendAt = firstDay.toEpochMilli() + (long) (random.nextDouble() * span);
            // One call in ten comes late: from a few seconds to two hours after its ts.
            long ts = random.nextInt(10) == 0 ? sendAt - 5_000 - (long) (random.nextDouble() * 7_200_000) : sendAt;
            timed.add(new Timed(sendAt, UsageEvent.newBuilder()
                    .setEventId("call-" + i).setTs(Instant.ofEpochMilli(Math.max(ts, firstDay.toEpochMilli())))
                    .setUserId(users[user]).setTeamId(teams[user]).setSessionId(users[user] + "-s" + random.nextInt(4))
                    .setInitiator(Initiator.AGENT).setModel(models[random.nextInt(models.length)])
                    .setInputTokens(random.nextInt(5_000)).setOutputTokens(random.nextInt(2_000))
                    .setCacheReadTokens(random.nextInt(50_000)).setCacheWriteTokens(random.nextInt(3_000))
                    .build()));
        }
        for (int i = 0; i < 120; i++) {
            long sendAt = firstDay.toEpochMilli() + (long) (random.nextDouble() * span);
            long ts = random.nextInt(8) == 0 ? sendAt - 60_000 - (long) (random.nextDouble() * 3_600_000) : sendAt;
            timed.add(new Timed(sendAt, OutcomeEvent.newBuilder()
                    .setEventId("outcome-" + i).setTs(Instant.ofEpochMilli(Math.max(ts, firstDay.toEpochMilli())))
                    .setUserId(users[random.nextInt(users.length)])
                    .setKind(OutcomeKind.values()[random.nextInt(OutcomeKind.values().length)])
                    .setLinesAdded(random.nextInt(300)).setLinesRemoved(random.nextInt(100))
                    .build()));
        }
        return timed.stream().sorted(Comparator.comparingLong(Timed::sendAt)).map(Timed::event).toList();
    }

    /** Calls that decode but break the usage contract: each goes to the dead letter queue, tokens and all. */
    private static List<UsageEvent> refused(Instant ts) {
        List<UsageEvent> refused = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UsageEvent.Builder call = UsageEvent.newBuilder()
                    .setEventId("refused-" + i).setTs(ts.plusSeconds(i)).setUserId("ada").setTeamId("payments")
                    .setSessionId("ada-s0").setInitiator(Initiator.AGENT).setModel("gpt-4o")
                    .setInputTokens(1_000 + i).setOutputTokens(200 + i).setCacheReadTokens(3_000 + i).setCacheWriteTokens(40 + i);
            switch (i % 3) {
                case 0 -> call.setModel("");
                case 1 -> call.setInputTokens(20_000_000L + i);
                default -> call.setTs(Instant.now().plus(Duration.ofDays(2)));
            }
            refused.add(call.build());
        }
        return refused;
    }

    /** Reads {@code expected} dead letters; those that decode as calls are returned, the unreadable ones count none. */
    private static List<UsageEvent> deadLettered(int expected) {
        try (TopicReader<byte[], byte[]> dlq = new TopicReader<>(broker.bootstrapServers(), config.dlqTopic(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<byte[], byte[]>> letters = dlq.readUntil(WAIT, expected + " dead letters",
                    read -> read.size() >= expected);
            assertThat(letters).hasSize(expected);
            return letters.stream().flatMap(letter -> events.call(config.usageTopic(), letter.value()).stream()).toList();
        }
    }

    private static Instant eventTime(SpecificRecord event) {
        return event instanceof UsageEvent call ? call.getTs() : ((OutcomeEvent) event).getTs();
    }

    private static ProducerRecord<String, SpecificRecord> record(SpecificRecord event) {
        if (event instanceof UsageEvent call) {
            return new ProducerRecord<>(config.usageTopic(), null, call.getTs().toEpochMilli(), call.getUserId(), call);
        }
        OutcomeEvent outcome = (OutcomeEvent) event;
        return new ProducerRecord<>(config.outcomesTopic(), null, outcome.getTs().toEpochMilli(), outcome.getUserId(), outcome);
    }

    private static TopicReader<RollupKey, UsageRollup> rollupReader(WindowSize size) {
        return new TopicReader<>(broker.bootstrapServers(), LedgerSettings.from(config).rollupTopic(size),
                new SpecificAvroDeserializer<>(RollupKey.class, registryClient()),
                new SpecificAvroDeserializer<>(UsageRollup.class, registryClient()));
    }

    private static SchemaRegistryClient registryClient() {
        return registryClient;
    }
}
