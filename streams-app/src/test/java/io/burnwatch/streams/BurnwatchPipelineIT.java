package io.burnwatch.streams;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.local.Await;
import io.burnwatch.local.FreePort;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.registry.SchemaRegistryClient;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.cost.DefaultPriceTable;
import io.burnwatch.streams.cost.PriceTableLoader;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** burnwatch end to end: a real broker and schema registry, exactly-once processing, committed reads. */
@DisplayName("burnwatch pipeline on a real broker")
class BurnwatchPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    // Every test gets its own hour of event time, later than any test's before it, so that whatever order they run
    // in, no test's events arrive behind the stream time another test's events advanced. The hours lie in the
    // recent past: brokers age records out by timestamp, so data from long ago could vanish mid-test.
    private static final Instant FIRST_HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));
    private static final AtomicInteger HOURS_TAKEN = new AtomicInteger();

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    /** The dashboard and rules need under a hundred series here; Kafka's every meter made 13,000. */
    private static final int DEFAULT_SCRAPE_MAX_SERIES = 300;

    private static BurnwatchConfig config;
    private static BurnwatchService service;
    private static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void startPipeline() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        config = BurnwatchConfig.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "state.dir", dir.resolve("state").toString(),
                "burnwatch.http.port", "0",
                "burnwatch.topic.partitions", "3",
                // A loop of 100k tokens a call, no person in it, crosses 2M tokens at its 20th call, past a
                // one-minute patience; its cost does not decide.
                "burnwatch.idle.min.cost.usd", "1000",
                "burnwatch.idle.patience", "1m",
                "burnwatch.idle.outcome.delay", "2s"));
        try (Admin admin = Admin.create(config.adminConfig())) {
            new BurnwatchTopics(config).ensure(admin);
            new PriceTableLoader(config).loadIfEmpty(admin, DefaultPriceTable.load());
        }
        service = BurnwatchService.start(config);
        Await.until(WAIT, "/health/ready to answer 200", () -> get("/health/ready").statusCode() == 200);
        producer = KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url());
    }

    @AfterAll
    static void stopPipeline() {
        closeQuietly(producer);
        closeQuietly(service);
        closeQuietly(registry);
        closeQuietly(broker);
    }

    @Test
    @DisplayName("a looping session raises one OPEN alert, and a commit resolves it")
    void burnAlertOpensAndResolves() {
        Instant t0 = nextHour();
        for (int i = 0; i < 30; i++) {
            send(hundredK(call("alice", "s-17", t0.plusSeconds(10L * i))));
        }
        try (TopicReader<String, Alert> alerts = new TopicReader<>(broker.bootstrapServers(), config.alertsTopic(),
                new StringDeserializer(), new SpecificAvroDeserializer<>(Alert.class, registryClient()))) {
            Alert alert = of("alice", alerts.readUntil(WAIT, "alice's alert", read -> !of("alice", read).isEmpty()))
                    .get(0).value();

            // 2M tokens after the 20th call (190 s); still burning a minute later, at the 26th call, it opens.
            assertThat(alert.getKind()).isEqualTo(AlertKind.IDLE_LOOP);
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.getSessionId()).isEqualTo("s-17");
            assertThat(alert.getCalls()).isEqualTo(26);
            assertThat(alert.getInputTokens() + alert.getOutputTokens() + alert.getCacheReadTokens()
                    + alert.getCacheWriteTokens()).isEqualTo(2_600_000);
            assertThat(alert.getOpenedAt()).isEqualTo(t0.plusSeconds(250));
            assertThat(alert.getMessage()).contains(" in 4 min over 26 agent calls in session s-17 (alice, repo acme/api); ",
                    " since it started 4 min ago with no commit or PR; why now: nothing to show for longer than its patience");

            Instant committed = t0.plus(Duration.ofMinutes(5));
            send(commit("alice", committed));
            List<ConsumerRecord<String, Alert>> states = of("alice", alerts.readUntil(WAIT, "alice's alert to resolve",
                    read -> of("alice", read).size() >= 2));

            assertThat(states).extracting(r -> r.value().getStatus())
                    .as("exactly one OPEN, then RESOLVED").containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
            assertThat(states).extracting(ConsumerRecord::key).containsOnly(alert.getAlertId());
            Alert resolved = states.get(1).value();
            assertThat(resolved.getResolution()).isEqualTo(Resolution.OUTCOME);
            assertThat(resolved.getTs()).isEqualTo(committed);
        }
    }

    @Test
    @DisplayName("a user's closed minutes arrive once each on the rollups topic, with the right sums")
    void rollupsArriveOncePerClosedMinute() {
        Instant minute = nextHour();
        send(call("bob", "s-1", minute.plusSeconds(5)).setInputTokens(100).setOutputTokens(10).setCostUsd(0.5).build());
        send(call("bob", "s-2", minute.plusSeconds(55)).setInputTokens(200).setCacheReadTokens(1000).setCostUsd(0.25).build());
        send(call("bob", "s-1", minute.plusSeconds(65)).setInputTokens(1).build());
        send(call("bob", "s-1", minute.plusSeconds(150)).setInputTokens(1).build());

        try (TopicReader<RollupKey, UsageRollup> rollups = rollupReader()) {
            // The two minutes may lie on different partitions, which a consumer reads in no particular order.
            List<ConsumerRecord<RollupKey, UsageRollup>> bobs = rollupsOf("bob",
                    rollups.readUntil(WAIT, "bob's rollups", read -> rollupsOf("bob", read).size() >= 2)).stream()
                    .sorted(Comparator.comparing(r -> r.key().getWindowStart())).toList();

            assertThat(bobs).extracting(r -> r.key().getWindowStart()).containsExactly(minute, minute.plusSeconds(60));
            RollupKey key = bobs.get(0).key();
            UsageRollup first = bobs.get(0).value();
            assertThat(key.getDimension()).isEqualTo(Dimension.USER);
            assertThat(first.getWindowEnd()).isEqualTo(minute.plusSeconds(60));
            assertThat(first.getRequests()).isEqualTo(2);
            assertThat(first.getInputTokens()).isEqualTo(300);
            assertThat(first.getOutputTokens()).isEqualTo(10);
            assertThat(first.getCacheReadTokens()).isEqualTo(1000);
            assertThat(first.getReportedCostUsd()).isEqualTo(0.75);
            assertThat(bobs.get(1).value().getRequests()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a rollup carries the cost at the loaded default prices, and the tokens of an unpriced model")
    void rollupsCarryComputedCost() {
        Instant minute = nextHour();
        send(call("dave", "s-1", minute.plusSeconds(5)).setModel("claude-sonnet-4-20250514")
                .setInputTokens(1_000).setOutputTokens(200).setCacheReadTokens(10_000).setCacheWriteTokens(400).build());
        send(call("dave", "s-1", minute.plusSeconds(6)).setModel("in-house-model").setInputTokens(40).setOutputTokens(10).build());
        send(call("dave", "s-1", minute.plusSeconds(100)).build());

        try (TopicReader<RollupKey, UsageRollup> rollups = rollupReader()) {
            UsageRollup first = rollupsOf("dave", rollups.readUntil(WAIT, "dave's rollup",
                    read -> !rollupsOf("dave", read).isEmpty())).get(0).value();

            // claude-sonnet-4 lists at $3 input, $15 output, $0.30 cache read, $3.75 cache write per million:
            // 1000 x 3 + 200 x 15 + 10000 x 0.30 + 400 x 3.75 = 10500 micro-dollars.
            assertThat(first.getComputedCostUsd()).isCloseTo(0.0105, within(1e-12));
            assertThat(first.getUnpricedTokens()).isEqualTo(50);
        }
        Await.until(WAIT, "/status to count in-house-model's unpriced tokens",
                () -> status().path("unpriced_tokens").path("in-house-model").asLong() == 50);
    }

    @Test
    @DisplayName("the price table loader fills an empty prices topic once, and leaves a non-empty one alone")
    void priceTableLoadsOnlyIntoAnEmptyTopic() throws Exception {
        BurnwatchConfig loaderConfig = BurnwatchConfig.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "burnwatch.topic.prices", "loader.prices"));
        List<ModelPrices> table = DefaultPriceTable.load();
        try (Admin admin = Admin.create(loaderConfig.adminConfig());
             TopicReader<String, ModelPrices> prices = new TopicReader<>(broker.bootstrapServers(), "loader.prices",
                     new StringDeserializer(), new SpecificAvroDeserializer<>(ModelPrices.class, registryClient()))) {
            new BurnwatchTopics(loaderConfig).ensure(admin);
            PriceTableLoader loader = new PriceTableLoader(loaderConfig);

            assertThat(loader.loadIfEmpty(admin, table)).isEqualTo(table.size());
            List<ConsumerRecord<String, ModelPrices>> loaded = prices.readUntil(WAIT, "the loaded prices",
                    read -> read.size() >= table.size());
            assertThat(loaded).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrderElementsOf(table.stream().map(ModelPrices::getModel).toList());
            assertThat(loaded).allSatisfy(r -> assertThat(r.value().getModel()).isEqualTo(r.key()));

            assertThat(loader.loadIfEmpty(admin, table)).as("second load into a non-empty topic").isZero();
            assertThat(endOffset(admin, "loader.prices")).isEqualTo(table.size());
        }
    }

    @Test
    @DisplayName("an unreadable record lands in the dead letter queue byte for byte, and processing goes on")
    void garbageGoesToTheDeadLetterQueue() {
        byte[] garbage = "{\"user_id\": \"mallory\", \"tokens\": \"lots\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = KafkaProducers.rawProducer(broker.bootstrapServers())) {
            raw.send(new ProducerRecord<>(config.usageTopic(), "mallory", garbage));
        }
        Instant minute = nextHour();
        send(call("mallory", "s-1", minute.plusSeconds(1)).setOutputTokens(42).build());
        send(call("mallory", "s-1", minute.plusSeconds(100)).build());

        try (TopicReader<byte[], byte[]> dlq = new TopicReader<>(broker.bootstrapServers(), config.dlqTopic(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             TopicReader<RollupKey, UsageRollup> rollups = rollupReader()) {
            ConsumerRecord<byte[], byte[]> dead = keyed("mallory",
                    dlq.readUntil(WAIT, "the garbage in the DLQ", read -> !keyed("mallory", read).isEmpty())).get(0);

            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("mallory");
            assertThat(header(dead, "__streams.errors.topic")).isEqualTo(config.usageTopic());
            assertThat(header(dead, "__streams.errors.exception")).contains("SerializationException");
            assertThat(header(dead, "burnwatch.dlq.reason")).isEqualTo("UNDECODABLE");

            UsageRollup after = rollupsOf("mallory", rollups.readUntil(WAIT, "mallory's next rollup",
                    read -> !rollupsOf("mallory", read).isEmpty())).get(0).value();
            assertThat(after.getOutputTokens()).isEqualTo(42);
            Await.until(WAIT, "the app to be RUNNING", () -> service.state() == KafkaStreams.State.RUNNING);
        }
    }

    @Test
    @DisplayName("bad, repeated and JSON records among valid ones: each bad one dead-lettered with its reason, the rest counted once")
    void badAndRepeatedInputAmongValidInput() throws Exception {
        Instant minute = nextHour();
        UsageEvent first = call("erin", "s-1", minute.plusSeconds(1)).setInputTokens(10).build();
        byte[] garbage = "\u0000\u0000\u0000".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4};
        String json = "{\"event_id\": \"erin-json-1\", \"ts\": \"" + minute.plusSeconds(3) + "\", \"user_id\": \"erin\","
                + " \"session_id\": \"s-1\", \"initiator\": \"AGENT\", \"model\": \"gpt-5\", \"input_tokens\": 30,"
                + " \"output_tokens\": 0, \"cache_read_tokens\": 0, \"cache_write_tokens\": 0}";

        send(first);
        send(first);
        try (KafkaProducer<String, byte[]> raw = KafkaProducers.rawProducer(broker.bootstrapServers());
             KafkaProducer<String, String> text = KafkaProducers.stringProducer(broker.bootstrapServers())) {
            raw.send(new ProducerRecord<>(config.usageTopic(), "erin", garbage));
            raw.send(new ProducerRecord<>(config.usageTopic(), "erin", unknownId));
            text.send(new ProducerRecord<>(config.usageJsonTopic(), "erin", json));
            text.send(new ProducerRecord<>(config.usageJsonTopic(), "erin", "{\"event_id\": oops"));
        }
        send(call("erin", "s-1", minute.plusSeconds(2)).setInputTokens(-20).build());
        send(call("erin", "s-1", minute.plusSeconds(2)).setModel("").setInputTokens(40).build());
        send(call("erin", "s-1", minute.plusSeconds(4)).setInputTokens(20).build());

        SpecificAvroDeserializer<UsageEvent> avro = new SpecificAvroDeserializer<>(UsageEvent.class, registryClient());
        // The usage topic now holds the garbage too: read past what does not decode.
        Deserializer<UsageEvent> lenient = (topic, bytes) -> {
            try {
                return avro.deserialize(topic, bytes);
            } catch (SerializationException e) {
                return null;
            }
        };
        try (TopicReader<String, UsageEvent> usage = new TopicReader<>(broker.bootstrapServers(), config.usageTopic(),
                new StringDeserializer(), lenient)) {
            ConsumerRecord<String, UsageEvent> fromJson = usage.readUntil(WAIT, "the JSON call on the usage topic",
                    read -> read.stream().anyMatch(r -> isJsonCall(r.value()))).stream()
                    .filter(r -> isJsonCall(r.value())).findFirst().orElseThrow();
            assertThat(fromJson.key()).isEqualTo("erin");
            assertThat(fromJson.value().getTs()).isEqualTo(minute.plusSeconds(3));
        }
        // Only now close the minute, so that the JSON call cannot arrive after it closed.
        send(call("erin", "s-1", minute.plusSeconds(100)).build());

        try (TopicReader<byte[], byte[]> dlq = new TopicReader<>(broker.bootstrapServers(), config.dlqTopic(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             TopicReader<RollupKey, UsageRollup> rollups = rollupReader()) {
            List<ConsumerRecord<byte[], byte[]>> dead = keyed("erin", dlq.readUntil(WAIT, "erin's five dead letters",
                    read -> keyed("erin", read).size() >= 5));
            assertThat(dead).extracting(r -> header(r, "burnwatch.dlq.reason")).containsExactlyInAnyOrder(
                    "UNDECODABLE", "UNKNOWN_SCHEMA_ID", "INVALID_JSON", "NEGATIVE_TOKENS", "EMPTY_MODEL");
            assertThat(dead).filteredOn(r -> header(r, "burnwatch.dlq.reason").equals("UNKNOWN_SCHEMA_ID"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.value()).isEqualTo(unknownId);
                        assertThat(header(r, "__streams.errors.topic")).isEqualTo(config.usageTopic());
                        assertThat(header(r, "__streams.errors.offset")).matches("\\d+");
                    });
            assertThat(dead).filteredOn(r -> header(r, "burnwatch.dlq.reason").equals("INVALID_JSON"))
                    .singleElement().satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                            .isEqualTo("{\"event_id\": oops"));

            UsageRollup erins = rollupsOf("erin", rollups.readUntil(WAIT, "erin's rollup",
                    read -> !rollupsOf("erin", read).isEmpty())).get(0).value();
            assertThat(erins.getRequests()).as("the first call once, the JSON call, the last valid call").isEqualTo(3);
            assertThat(erins.getInputTokens()).isEqualTo(10 + 30 + 20);
        }
        JsonNode status = status();
        assertThat(status.get("dead_letters").get("NEGATIVE_TOKENS").asLong()).isPositive();
        assertThat(status.get("duplicates").get("usage").asLong()).isPositive();
    }

    @Test
    @DisplayName("health and status: live, ready while RUNNING, and a records-consumed count that grows")
    void healthAndStatus() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("RUNNING\n");

        long before = status().get("records_consumed").asLong();
        send(call("carol", "s-1", nextHour()).build());

        Await.until(WAIT, "records_consumed to count carol's call", () -> status().get("records_consumed").asLong() > before);
        assertThat(status().get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    @DisplayName("/metrics during a run: events in and end-to-end lag move, the state is RUNNING, and promtool accepts it")
    void prometheusMetrics() throws Exception {
        String usageIn = "burnwatch_events_in_total{topic=\"" + config.usageTopic() + "\"}";
        String lagCount = "burnwatch_end_to_end_lag_seconds_count";
        String before = get("/metrics").body();
        send(call("dave", "s-1", nextHour()).build());
        // Counted once a model has no price: sent so that the scrape holds every metric the rules use.
        send(call("dave", "s-2", nextHour()).setModel("unpriced-scrape-model").setInputTokens(10).build());

        Await.until(WAIT, "/metrics to count dave's calls in, their lag and the unpriced tokens", () -> {
            String now = get("/metrics").body();
            return sample(now, usageIn) > sample(before, usageIn) && sample(now, lagCount) > sample(before, lagCount)
                    && now.contains("burnwatch_unpriced_tokens_total{model=\"unpriced-scrape-model\"}");
        });
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        String scrape = metrics.body();
        assertThat(sample(scrape, "burnwatch_streams_running")).isEqualTo(1);
        assertThat(sample(scrape, "burnwatch_streams_state{state=\"RUNNING\"}")).isEqualTo(1);
        assertThat(sample(scrape, "burnwatch_end_to_end_lag_seconds_bucket{le=\"+Inf\"}")).isEqualTo(sample(scrape, lagCount));
        assertThat(scrape).contains("burnwatch_open_alerts{kind=\"IDLE_LOOP\"}", "burnwatch_dead_letters_total{reason=",
                "burnwatch_late_events_total{", "kafka_consumer_fetch_manager_records_lag_max", "kafka_stream_thread_process_rate",
                "jvm_memory_used_bytes");
        assertThat(promtoolCheckMetrics(scrape)).isEmpty();
        List<String> series = scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        System.out.printf("default /metrics: %d series, %d bytes%n", series.size(), scrape.length());
        assertThat(series).as("series in the default scrape").hasSizeLessThan(DEFAULT_SCRAPE_MAX_SERIES);
        assertThat(dashboardAndRuleMetrics()).isNotEmpty().allSatisfy(name -> assertThat(series)
                .as("the dashboard and rules use %s", name).anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " ")));
    }

    /** Every metric the Grafana dashboard and the Prometheus alert rules query. */
    private static Set<String> dashboardAndRuleMetrics() throws IOException {
        Pattern metric = Pattern.compile("\\b(?:burnwatch|kafka|jvm|process)_[a-z0-9_]+");
        Set<String> names = new TreeSet<>();
        for (Path file : List.of(Path.of("../deploy/grafana/burnwatch-dashboard.json"), Path.of("../deploy/prometheus/burnwatch-rules.yml"))) {
            metric.matcher(Files.readString(file)).results().map(MatchResult::group).forEach(names::add);
        }
        return names;
    }

    @Test
    @DisplayName("the command line creates its topics, turns ready once RUNNING, and exits 0 when stopped")
    void commandLineRunsTheApp() throws Exception {
        int port = FreePort.pick();
        StringWriter err = new StringWriter();
        BurnwatchApp app = new BurnwatchApp(Map.of(), new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(app).execute(
                "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
                "--application-id", "burnwatch-cli", "--state-dir", dir.resolve("cli-state").toString(),
                "--http-port", Integer.toString(port), "--create-topics", "--load-default-prices",
                "-D", "burnwatch.topic.prices=cli.prices", "-D", "burnwatch.topic.usage=cli.usage", "-D", "burnwatch.topic.outcomes=cli.outcomes",
                "-D", "burnwatch.topic.alerts=cli.alerts", "-D", "burnwatch.topic.rollups.1m=cli.rollups.1m",
                "-D", "burnwatch.topic.rollups.1h=cli.rollups.1h", "-D", "burnwatch.topic.rollups.1d=cli.rollups.1d",
                "-D", "burnwatch.topic.late=cli.late", "-D", "burnwatch.topic.dlq=cli.dlq",
                "-D", "burnwatch.topic.usage.json=cli.usage.json", "-D", "burnwatch.topic.outcomes.json=cli.outcomes.json"));
        try {
            Await.until(WAIT, "the command line app's /health/ready to answer 200",
                    () -> statusCode("http://127.0.0.1:" + port + "/health/ready") == 200);
            try (Admin admin = Admin.create(config.adminConfig())) {
                assertThat(admin.listTopics().names().get())
                        .contains("cli.usage", "cli.outcomes", "cli.alerts", "cli.rollups.1m", "cli.rollups.1h",
                                "cli.rollups.1d", "cli.late", "cli.dlq", "cli.prices", "cli.usage.json", "cli.outcomes.json");
                assertThat(endOffset(admin, "cli.prices")).isEqualTo(DefaultPriceTable.load().size());
            }
        } finally {
            app.stop();
        }
        assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(statusCode("http://127.0.0.1:" + port + "/health/live")).as("HTTP stopped too").isEqualTo(-1);
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        TopicPartition only = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(only, OffsetSpec.latest())).all().get().get(only).offset();
    }

    private static TopicReader<RollupKey, UsageRollup> rollupReader() {
        return new TopicReader<>(broker.bootstrapServers(), config.rollups1mTopic(),
                new SpecificAvroDeserializer<>(RollupKey.class, registryClient()),
                new SpecificAvroDeserializer<>(UsageRollup.class, registryClient()));
    }

    private static boolean isJsonCall(UsageEvent call) {
        return call != null && call.getEventId().equals("erin-json-1");
    }

    private static List<ConsumerRecord<byte[], byte[]>> keyed(String key, List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
    }

    private static List<ConsumerRecord<String, Alert>> of(String user, List<ConsumerRecord<String, Alert>> alerts) {
        return alerts.stream().filter(r -> r.value().getUserId().equals(user)).toList();
    }

    private static List<ConsumerRecord<RollupKey, UsageRollup>> rollupsOf(String user,
                                                                          List<ConsumerRecord<RollupKey, UsageRollup>> rollups) {
        return rollups.stream().filter(r -> r.key().getDimensionValue().equals(user)).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Instant nextHour() {
        return FIRST_HOUR.plus(Duration.ofHours(HOURS_TAKEN.getAndIncrement()));
    }

    private static void send(UsageEvent call) {
        send(config.usageTopic(), call.getUserId(), call.getTs(), call);
    }

    private static void send(OutcomeEvent outcome) {
        send(config.outcomesTopic(), outcome.getUserId(), outcome.getTs(), outcome);
    }

    private static void send(String topic, String user, Instant ts, SpecificRecord event) {
        producer.send(new ProducerRecord<>(topic, null, ts.toEpochMilli(), user, event));
        producer.flush();
    }

    private static UsageEvent hundredK(UsageEvent.Builder call) {
        return call.setInputTokens(20_000).setOutputTokens(5_000).setCacheReadTokens(70_000).setCacheWriteTokens(5_000)
                .setRepo("acme/api").build();
    }

    /** The value of the one sample named exactly {@code series} (name and labels) in a Prometheus scrape; 0 if absent. */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0])).orElse(0.0);
    }

    /** What {@code promtool check metrics} finds wrong with {@code scrape}: empty when it passes. */
    private static String promtoolCheckMetrics(String scrape) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        assertThat(Files.isExecutable(promtool)).as("%s is missing: install the Debian package prometheus"
                + " (apt-get install prometheus; deploy/run-tests does it)", promtool).isTrue();
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = check.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return check.exitValue() == 0 ? "" : "exit " + check.exitValue() + ": " + output;
    }

    private static SchemaRegistryClient registryClient() {
        return SchemaRegistries.forUrl(registry.url(), null);
    }

    /** The HTTP status of GET {@code url}, or -1 if nothing answers. */
    private static int statusCode(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode status() {
        try {
            return new ObjectMapper().readTree(get("/status").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.httpUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // keep closing the rest
        }
    }
}
