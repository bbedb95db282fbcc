package io.burnwatch.streams.guard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.PythonProducer;
import io.burnwatch.streams.testing.Sentinels;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * BUDGET and SPIKE alerts are a function of event time, not of arrival order: one seeded history of three teams of
 * five users over five UTC days, fed to a fresh app paced an hour at a time, all at once, and all at once as JSON
 * from a librdkafka producer, gives in each the OPEN BUDGET alerts computed here from the history (the call whose
 * spend, summed in (ts, event_id) order, first reaches a threshold, with that call's ts), and the same SPIKE alerts.
 */
@DisplayName("Budget and spike alerts by event time, whatever the arrival order, on a real broker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamBudgetOrderIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final int PARTITIONS = 4;
    private static final int DAYS = 5;
    private static final List<Integer> THRESHOLDS = List.of(50, 80, 100);
    /** Costs are whole 128ths of a dollar, so sums are exact in any order, in the app's doubles as here. */
    private static final int UNITS_PER_USD = 128;
    private static final String MODEL = "burnwatch-unpriced-test-model";
    /** Days whose hours are all past, the last ending before yesterday; the sentinels come 6 hours after. */
    private static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 1);
    private static final History HISTORY = History.generate(new Random(20261207), FIRST_DAY);
    private static final List<String> MODES = List.of("paced", "at-once", "json");
    private static final Map<String, BurnwatchService> SERVICES = new ConcurrentHashMap<>();
    private static final Map<String, List<SpikeState>> SPIKES = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;

    @Test
    @Order(1)
    @DisplayName("paced, an hour of event time at a time: one OPEN BUDGET alert per crossing, at the ts of the call that crossed")
    void paced() throws Exception {
        check(run("paced", (config, admin) -> {
            try (KafkaProducer<String, SpecificRecord> producer = avroProducer(config)) {
                for (List<UsageEvent> hour : HISTORY.byHour().values()) {
                    hour.forEach(call -> send(producer, config, call));
                    producer.flush();
                    awaitConsumed(admin, config);
                }
                sentinels().forEach(call -> send(producer, config, call));
            }
        }));
    }

    @Test
    @Order(2)
    @DisplayName("all at once through the Avro topic: the same OPEN BUDGET alerts")
    void atOnce() throws Exception {
        check(run("at-once", (config, admin) -> {
            try (KafkaProducer<String, SpecificRecord> producer = avroProducer(config)) {
                HISTORY.calls().forEach(call -> send(producer, config, call));
                sentinels().forEach(call -> send(producer, config, call));
            }
        }));
    }

    @Test
    @Order(3)
    @DisplayName("all at once as JSON from a librdkafka producer with its default partitioner: the same OPEN BUDGET alerts,"
            + " nothing dead-lettered")
    void jsonFromLibrdkafka() throws Exception {
        check(run("json", (config, admin) -> {
            List<UsageEvent> all = new ArrayList<>(HISTORY.calls());
            all.addAll(sentinels());
            new PythonProducer(dir).sendJson(config.bootstrapServers(), config.usageJsonTopic(), all);
        }));
    }

    @Test
    @Order(4)
    @DisplayName("the SPIKE alerts (id, status, ts) are the same in all three modes, and there are some")
    void sameSpikesInEveryMode() {
        assertThat(SPIKES).as("modes that ran to the end").containsOnlyKeys(MODES);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(SPIKES.get("paced")).as("SPIKE alerts when paced").isNotEmpty();
        for (String mode : List.of("at-once", "json")) {
            softly.assertThat(SPIKES.get(mode)).as("SPIKE alerts %s, against paced", mode)
                    .containsExactlyElementsOf(SPIKES.get("paced"));
        }
        softly.assertAll();
    }

    private record Outcome(String mode, List<Crossing> budgetsOpened, List<String> deadLetters) {
    }

    /** A BUDGET alert as the requirement states it: which threshold of which period, and when. */
    private record Crossing(String scope, Instant periodStart, int threshold, Instant ts) {
        @Override
        public String toString() {
            return scope + " " + periodStart.toString().substring(0, 10) + " " + threshold + "% at " + ts;
        }
    }

    private record SpikeState(String alertId, String scope, AlertStatus status, Instant ts) {
        @Override
        public String toString() {
            return scope + " " + status + " at " + ts + " (" + alertId + ")";
        }
    }

    private static void check(Outcome outcome) {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(outcome.deadLetters()).as("%s: dead letters (reason, key)", outcome.mode()).isEmpty();
        softly.assertThat(sorted(outcome.budgetsOpened()))
                .as("%s: OPEN BUDGET alerts, against the crossings of the history summed by event time", outcome.mode())
                .containsExactlyInAnyOrderElementsOf(sorted(HISTORY.expectedCrossings()));
        softly.assertAll();
    }

    private interface Feed {
        void into(BurnwatchConfig config, Admin admin) throws Exception;
    }

    /**
     * The broker, the registry and the budgets are shared: each mode has its own app, state and input and output
     * topics. The budgets are set before any app starts, so each app's global store holds them before its first call.
     */
    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        try (Admin admin = Admin.create(config(MODES.get(0)).adminConfig())) {
            for (String mode : MODES) {
                new BurnwatchTopics(config(mode)).ensure(admin);
            }
        }
        try (KafkaProducer<String, SpecificRecord> producer = avroProducer(config(MODES.get(0)))) {
            HISTORY.budgets().forEach((scope, usd) -> producer.send(new ProducerRecord<>(config(MODES.get(0)).budgetsTopic(),
                    scope, Budget.newBuilder().setScope(scope).setAmountUsd(usd).setPeriod(BudgetPeriod.DAY)
                            .setThresholdsPercent(THRESHOLDS).setEarlyWarning(false).build())));
        }
        // Started together, so that their rebalances overlap; each waits for its input until its mode comes.
        for (String mode : MODES) {
            SERVICES.put(mode, BurnwatchService.start(config(mode)));
        }
    }

    @AfterAll
    static void stop() {
        List<AutoCloseable> all = new ArrayList<>(SERVICES.values());
        all.addAll(List.of(registry, broker));
        for (AutoCloseable closeable : all) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    /** A fresh app on fresh topics; feeds it, waits till it has consumed everything, and reads its alerts. */
    private static Outcome run(String mode, Feed feed) throws Exception {
        BurnwatchConfig config = config(mode);
        try (Admin admin = Admin.create(config.adminConfig());
             BurnwatchService service = SERVICES.remove(mode);
             TopicReader<String, Alert> alertReader = new TopicReader<>(broker.bootstrapServers(), config.alertsTopic(),
                     new StringDeserializer(), new SpecificAvroDeserializer<>(Alert.class,
                     SchemaRegistries.forUrl(registry.url(), null)));
             TopicReader<byte[], byte[]> dlqReader = new TopicReader<>(broker.bootstrapServers(), config.dlqTopic(),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Await.until(WAIT, mode + ": the app to run", () -> service.state() == KafkaStreams.State.RUNNING);
            feed.into(config, admin);
            awaitConsumed(admin, config);
            // Team calls go on once every partition's watermark has passed them, which an idle partition gives within
            // seconds of wall clock after its last call: wait for as many OPEN BUDGET alerts as there are crossings
            // (on timeout the comparison below says what is missing), then read until nothing more comes.
            long crossings = HISTORY.expectedCrossings().size();
            try {
                alertReader.readUntil(WAIT, mode + ": an OPEN BUDGET alert per crossing", read -> read.stream()
                        .filter(r -> r.value().getKind() == AlertKind.BUDGET && r.value().getStatus() == AlertStatus.OPEN)
                        .count() >= crossings);
            } catch (AssertionError timedOut) {
                // Fewer alerts than crossings: reported with the difference below.
            }
            // All the app's output is committed with its offsets; what comes after that is read until nothing more does.
            long[] last = {-1, System.nanoTime()};
            Await.until(WAIT, mode + ": alerts and dead letters to stop coming", () -> {
                int read = alertReader.readUntil(WAIT, "alerts", all -> true).size()
                        + dlqReader.readUntil(WAIT, "dead letters", all -> true).size();
                if (read != last[0]) {
                    last[0] = read;
                    last[1] = System.nanoTime();
                }
                return System.nanoTime() - last[1] >= QUIET.toNanos();
            });
            List<Alert> alerts = alertReader.readUntil(WAIT, "alerts", all -> true).stream().map(ConsumerRecord::value).toList();
            List<String> deadLetters = dlqReader.readUntil(WAIT, "dead letters", all -> true).stream()
                    .map(TeamBudgetOrderIT::deadLetter).toList();
            SPIKES.put(mode, alerts.stream().filter(a -> a.getKind() == AlertKind.SPIKE)
                    .map(a -> new SpikeState(a.getAlertId(), a.getSpike().getScope(), a.getStatus(), a.getTs()))
                    .sorted(Comparator.comparing(SpikeState::ts).thenComparing(SpikeState::scope)
                            .thenComparing(SpikeState::status).thenComparing(SpikeState::alertId))
                    .toList());
            return new Outcome(mode, alerts.stream()
                    .filter(a -> a.getKind() == AlertKind.BUDGET && a.getStatus() == AlertStatus.OPEN)
                    .map(a -> new Crossing(a.getBudget().getScope(), a.getBudget().getPeriodStart(),
                            a.getBudget().getThresholdPercent(), a.getTs()))
                    .toList(), deadLetters);
        }
    }

    /** The settings of one mode's app: its own application id, state and topics; the budgets topic is shared. */
    private static BurnwatchConfig config(String mode) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "application.id", "burnwatch-" + mode,
                "bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "state.dir", dir.resolve(mode).toString(),
                "burnwatch.http.port", "0",
                "burnwatch.topic.partitions", Integer.toString(PARTITIONS),
                // The history is days old and written now, at the default 24 h dedup horizon: each source is judged
                // by its own event time, so none of it is TOO_OLD.
                // Five consecutive days hold at most four of a kind; the spiking user's day has two before it.
                "burnwatch.spike.min.history.days", "2"));
        for (String topic : List.of("usage", "outcomes", "usage.json", "outcomes.json", "alerts", "rollups.1m",
                "rollups.1h", "rollups.1d", "late", "dlq")) {
            settings.put("burnwatch.topic." + topic, mode + "." + topic);
        }
        return BurnwatchConfig.of(settings);
    }

    /**
     * Waits until the app has committed every partition of its input and repartition topics up to its end. (A
     * partition the group has not committed yet counts from 0: the app started before its input came.)
     */
    private static void awaitConsumed(Admin admin, BurnwatchConfig config) {
        Await.until(WAIT, config.applicationId() + " to consume everything", (BooleanSupplier) () -> consumed(admin, config));
    }

    private static boolean consumed(Admin admin, BurnwatchConfig config) {
        try {
            Set<String> topics = new TreeSet<>(List.of(config.usageTopic(), config.usageJsonTopic()));
            admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(config.applicationId() + "-") && t.endsWith("-repartition"))
                    .forEach(topics::add);
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions().forEach(
                    p -> partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
            return admin.listOffsets(partitions).all().get().entrySet().stream().allMatch(end -> {
                OffsetAndMetadata at = committed.get(end.getKey());
                return (at == null ? 0 : at.offset()) >= end.getValue().offset();
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + config.applicationId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Header reason = record.headers().lastHeader("burnwatch.dlq.reason");
        return (reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8)) + " "
                + (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, SpecificRecord> avroProducer(BurnwatchConfig config) {
        return KafkaProducers.avroProducer(config.bootstrapServers(), config.schemaRegistryUrl());
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, BurnwatchConfig config, UsageEvent call) {
        producer.send(new ProducerRecord<>(config.usageTopic(), null, call.getTs().toEpochMilli(), call.getUserId(), call));
    }

    /**
     * Moves every partition's time, in every stage, 6 hours past the history, so that whatever the app holds back
     * by event time is out. They cost nothing and their teams and users have no budget.
     */
    private static List<UsageEvent> sentinels() {
        return Sentinels.at(HISTORY.end().plus(Duration.ofHours(6)), PARTITIONS, "sentinel");
    }

    private static List<Crossing> sorted(List<Crossing> crossings) {
        return crossings.stream().sorted(Comparator.comparing(Crossing::scope).thenComparing(Crossing::periodStart)
                .thenComparing(Crossing::threshold).thenComparing(Crossing::ts)).toList();
    }

    /**
     * Three teams of five users calling every 4 to 10 minutes from 11:00 to 15:00 UTC, at a cost that varies by user
     * and day; one user spends several times their usual hour from 14:00 on a weekday with two weekdays before it.
     * Every call of a team has its own ts (each user calls on their own second of the minute).
     */
    private record History(List<UsageEvent> calls, Map<String, Long> budgets, Instant end) {

        static final List<String> TEAMS = List.of("atlas", "borealis", "cirrus");
        static final int USERS_PER_TEAM = 5;
        static final String SPIKER = "borealis-3";

        static History generate(Random random, LocalDate firstDay) {
            LocalDate spikeDay = spikeDay(firstDay);
            List<UsageEvent> calls = new ArrayList<>();
            for (int t = 0; t < TEAMS.size(); t++) {
                for (int u = 0; u < USERS_PER_TEAM; u++) {
                    String team = TEAMS.get(t);
                    String user = team + "-" + u;
                    int second = t * USERS_PER_TEAM + u;
                    for (int d = 0; d < DAYS; d++) {
                        LocalDate day = firstDay.plusDays(d);
                        int maxUnits = 20 + random.nextInt(30);
                        Instant at = day.atTime(11, 0).toInstant(ZoneOffset.UTC).plusSeconds(60L * random.nextInt(9) + second);
                        Instant close = day.atTime(15, 0).toInstant(ZoneOffset.UTC);
                        for (; at.isBefore(close); at = at.plusSeconds(60L * (4 + random.nextInt(7)))) {
                            calls.add(call(user, team, at, 1 + random.nextInt(maxUnits), calls.size()));
                        }
                        if (user.equals(SPIKER) && day.equals(spikeDay)) {
                            // Every minute of the hour, on the half minute: about $20 more than the usual $1 or $2.
                            Instant hour = day.atTime(14, 0).toInstant(ZoneOffset.UTC).plusSeconds(30 + second);
                            for (int m = 0; m < 60; m++) {
                                calls.add(call(user, team, hour.plusSeconds(60L * m), 30 + random.nextInt(30), calls.size()));
                            }
                        }
                    }
                }
            }
            calls.sort(Comparator.comparing(UsageEvent::getTs).thenComparing(UsageEvent::getEventId));
            return new History(List.copyOf(calls), budgets(calls), firstDay.plusDays(DAYS).atStartOfDay().toInstant(ZoneOffset.UTC));
        }

        /** The latest weekday with two weekdays before it among the days, so that the spiking user has a baseline. */
        private static LocalDate spikeDay(LocalDate firstDay) {
            for (int d = DAYS - 1; d >= 0; d--) {
                LocalDate day = firstDay.plusDays(d);
                long weekdaysBefore = firstDay.datesUntil(day).filter(History::weekday).count();
                if (weekday(day) && weekdaysBefore >= 2) {
                    return day;
                }
            }
            throw new IllegalStateException("no weekday with two before it from " + firstDay);
        }

        private static boolean weekday(LocalDate day) {
            return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        private static UsageEvent call(String user, String team, Instant ts, int units, int n) {
            return UsageEvent.newBuilder()
                    .setEventId(user + "-" + n).setTs(ts).setUserId(user).setTeamId(team).setSessionId(user + "-s")
                    .setInitiator(Initiator.HUMAN).setModel(MODEL)
                    .setInputTokens(1_000).setOutputTokens(200).setCacheReadTokens(0).setCacheWriteTokens(0)
                    .setCostUsd((double) units / UNITS_PER_USD)
                    .build();
        }

        /**
         * A daily budget per team of 85% of its average day, so most days cross 50 and 80% and many 100%, each at
         * its own hour; and daily budgets of 90% of their average day for one user and the spiking user.
         */
        private static Map<String, Long> budgets(List<UsageEvent> calls) {
            Map<String, Long> budgets = new TreeMap<>();
            for (String team : TEAMS) {
                budgets.put("team:" + team, (long) (0.85 * usd(calls, c -> team.equals(c.getTeamId())) / DAYS));
            }
            for (String user : List.of("atlas-2", SPIKER)) {
                budgets.put("user:" + user, (long) (0.9 * usd(calls, c -> user.equals(c.getUserId())) / DAYS));
            }
            return budgets;
        }

        private static double usd(List<UsageEvent> calls, Predicate<UsageEvent> of) {
            return calls.stream().filter(of).mapToDouble(UsageEvent::getCostUsd).sum();
        }

        Map<Instant, List<UsageEvent>> byHour() {
            return calls.stream().collect(Collectors.groupingBy(c -> c.getTs().truncatedTo(ChronoUnit.HOURS), TreeMap::new,
                    Collectors.toList()));
        }

        /**
         * For each budgeted scope, day and threshold: the first call, in (ts, event_id) order, at which the day's
         * spend reaches the threshold.
         */
        List<Crossing> expectedCrossings() {
            List<Crossing> crossings = new ArrayList<>();
            budgets.forEach((scope, usd) -> {
                Predicate<UsageEvent> of = scope.startsWith("team:")
                        ? c -> scope.substring("team:".length()).equals(c.getTeamId())
                        : c -> scope.substring("user:".length()).equals(c.getUserId());
                Map<Instant, List<UsageEvent>> days = calls.stream().filter(of).collect(Collectors.groupingBy(
                        c -> c.getTs().truncatedTo(ChronoUnit.DAYS), TreeMap::new, Collectors.toList()));
                days.forEach((day, ofDay) -> {
                    long spent = 0;
                    int next = 0;
                    for (UsageEvent call : ofDay) {
                        spent += Math.round(call.getCostUsd() * UNITS_PER_USD);
                        while (next < THRESHOLDS.size() && spent * 100 >= usd * UNITS_PER_USD * THRESHOLDS.get(next)) {
                            crossings.add(new Crossing(scope, day, THRESHOLDS.get(next++), call.getTs()));
                        }
                    }
                });
            });
            return crossings;
        }
    }
}
