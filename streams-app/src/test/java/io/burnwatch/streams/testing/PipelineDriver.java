package io.burnwatch.streams.testing;

import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Budget;
import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.connect.webhook.WebhookHeaders;
import io.burnwatch.streams.ingest.IngestMetrics;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.topology.BurnwatchTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole burnwatch topology in a {@link TopologyTestDriver}, against a fresh in-memory schema registry scope
 * and state directory, both dropped on close; registered as a JUnit extension, it closes after each test.
 */
public final class PipelineDriver implements AutoCloseable, AfterEachCallback {

    private static final Instant UNRELATED_RECORD_TIME = Instant.parse("2001-01-01T00:00:00Z");
    /** The driver's wall clock at start: a day after the events the tests use, so none of them is in the future. */
    public static final Instant WALL_CLOCK = Instant.parse("2026-03-03T10:00:00Z");

    public final BurnwatchConfig config;
    public final BurnwatchSerdes serdes;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, UsageEvent> usage;
    public final TestInputTopic<String, OutcomeEvent> outcomes;
    public final TestInputTopic<String, byte[]> rawUsage;
    public final TestInputTopic<String, ModelPrices> prices;
    public final TestInputTopic<String, Budget> budgets;
    public final TestInputTopic<String, byte[]> rawOutcomes;
    public final TestInputTopic<String, String> usageJson;
    public final TestInputTopic<String, String> outcomesJson;
    /** OTLP log batches, as the OpenTelemetry Collector's Kafka exporter writes them. */
    public final TestInputTopic<byte[], byte[]> otlpLogs;
    /** Webhook deliveries as the receiver writes them: raw bodies keyed by delivery id (see {@link #webhook}). */
    public final TestInputTopic<String, byte[]> webhooks;
    /** The identity map: {@code <kind>:<identity>} to user_id; null removes. */
    public final TestInputTopic<String, String> identities;
    public final TestOutputTopic<String, UsageEvent> usageOut;
    public final TestOutputTopic<String, OutcomeEvent> outcomesOut;
    /** burnwatch's meters, in a Prometheus registry as in the running app. */
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final BurnwatchMetrics metrics = new BurnwatchMetrics(registry);
    public final IngestMetrics ingest = new IngestMetrics(metrics);
    /** 1-minute rollups of every dimension. */
    public final TestOutputTopic<RollupKey, UsageRollup> rollups;
    public final TestOutputTopic<RollupKey, UsageRollup> rollups1h;
    public final TestOutputTopic<RollupKey, UsageRollup> rollups1d;
    /** Usage and outcome events, as written: decode with {@link #lateUsage} or {@link #lateOutcome}. */
    public final TestOutputTopic<String, byte[]> late;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestOutputTopic<byte[], byte[]> dlq;
    private final Path stateDir;

    private PipelineDriver(Map<String, String> overrides) {
        try {
            stateDir = Files.createTempDirectory("burnwatch-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("schema.registry.url", "mock://" + UUID.randomUUID());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Idle-loop decisions on arrival, in the order the test pipes: tests of the outcome hold set a delay and
        // move the wall clock (see passWallClock).
        settings.put(BurnwatchSettings.IDLE_OUTCOME_DELAY, "0s");
        // The driver reads every input from partition 0: with one partition, every record is on its user's partition.
        settings.put(BurnwatchSettings.TOPIC_PARTITIONS, "1");
        settings.putAll(overrides);
        config = BurnwatchConfig.of(settings);
        serdes = BurnwatchSerdes.from(config);
        driver = new TopologyTestDriver(BurnwatchTopology.build(config, serdes), metrics.addTo(config.streamsProperties()),
                WALL_CLOCK);
        usage = driver.createInputTopic(config.usageTopic(), new StringSerializer(), serdes.usage().serializer());
        outcomes = driver.createInputTopic(config.outcomesTopic(), new StringSerializer(), serdes.outcome().serializer());
        rawUsage = driver.createInputTopic(config.usageTopic(), new StringSerializer(), new ByteArraySerializer());
        prices = driver.createInputTopic(config.pricesTopic(), new StringSerializer(), serdes.prices().serializer());
        budgets = driver.createInputTopic(config.budgetsTopic(), new StringSerializer(), serdes.budget().serializer());
        rawOutcomes = driver.createInputTopic(config.outcomesTopic(), new StringSerializer(), new ByteArraySerializer());
        usageJson = driver.createInputTopic(config.usageJsonTopic(), new StringSerializer(), new StringSerializer());
        outcomesJson = driver.createInputTopic(config.outcomesJsonTopic(), new StringSerializer(), new StringSerializer());
        otlpLogs = driver.createInputTopic(config.otlpLogsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        webhooks = driver.createInputTopic(config.webhooksTopic(), new StringSerializer(), new ByteArraySerializer());
        identities = driver.createInputTopic(config.identitiesTopic(), new StringSerializer(), new StringSerializer());
        usageOut = driver.createOutputTopic(config.usageTopic(), serdes.string().deserializer(), serdes.usage().deserializer());
        outcomesOut = driver.createOutputTopic(config.outcomesTopic(), serdes.string().deserializer(), serdes.outcome().deserializer());
        rollups = driver.createOutputTopic(config.rollups1mTopic(), serdes.rollupKey().deserializer(), serdes.rollup().deserializer());
        rollups1h = driver.createOutputTopic(config.rollups1hTopic(), serdes.rollupKey().deserializer(), serdes.rollup().deserializer());
        rollups1d = driver.createOutputTopic(config.rollups1dTopic(), serdes.rollupKey().deserializer(), serdes.rollup().deserializer());
        late = driver.createOutputTopic(config.lateTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(config.alertsTopic(), serdes.string().deserializer(), serdes.alert().deserializer());
        dlq = driver.createOutputTopic(config.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Kafka Streams' own metrics of the driven topology, RocksDB's among them. */
    public Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> streamsMetrics() {
        return driver.metrics();
    }

    /** The records written so far to {@code store}'s changelog, as bytes: what the store costs in writes. */
    public List<TestRecord<byte[], byte[]>> changelog(String store) {
        return driver.createOutputTopic(config.applicationId() + "-" + store + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    /** Moves the driver's wall clock on, firing wall-clock punctuations such as the outcome hold's release. */
    public void passWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    public static PipelineDriver start() {
        return new PipelineDriver(Map.of());
    }

    public static PipelineDriver start(Map<String, String> overrides) {
        return new PipelineDriver(overrides);
    }

    /**
     * Pipes a call keyed by its user. The record's own timestamp is deliberately unrelated to the call's
     * {@code ts}: every result in these tests shows that event time comes from {@code ts}.
     */
    public void pipe(UsageEvent call) {
        usage.pipeInput(call.getUserId(), call, UNRELATED_RECORD_TIME);
    }

    /** Pipes a model's prices keyed by {@code key}, as a price table writer would. */
    public void pipe(String key, ModelPrices modelPrices) {
        prices.pipeInput(key, modelPrices, UNRELATED_RECORD_TIME);
    }

    /** Pipes a budget keyed by its scope, as the budget command would. */
    public void pipe(Budget budget) {
        budgets.pipeInput(budget.getScope(), budget, UNRELATED_RECORD_TIME);
    }

    /** Removes the budget of {@code scope} with a tombstone. */
    public void removeBudget(String scope) {
        budgets.pipeInput(scope, null, UNRELATED_RECORD_TIME);
    }

    public void pipe(OutcomeEvent outcome) {
        outcomes.pipeInput(outcome.getUserId(), outcome, UNRELATED_RECORD_TIME);
    }

    /** Pipes a webhook delivery as the receiver writes it: {@code vendor} github or gitlab, the vendor's event name. */
    public void webhook(String vendor, String event, String delivery, byte[] body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WebhookHeaders.VENDOR, vendor.getBytes(StandardCharsets.UTF_8));
        headers.add(WebhookHeaders.EVENT, event.getBytes(StandardCharsets.UTF_8));
        headers.add(WebhookHeaders.DELIVERY, delivery.getBytes(StandardCharsets.UTF_8));
        webhooks.pipeInput(new TestRecord<>(delivery, body, headers, WALL_CLOCK));
    }

    /** Maps {@code identity} ({@code github:octocat}) to {@code user}, as the identity command would. */
    public void mapIdentity(String identity, String user) {
        identities.pipeInput(identity, user, UNRELATED_RECORD_TIME);
    }

    /** Every rollup of {@code dimension} on {@code topic} so far, in order; reads (and so consumes) the whole topic. */
    public static List<UsageRollup> of(Dimension dimension, TestOutputTopic<RollupKey, UsageRollup> topic) {
        return topic.readValuesToList().stream().filter(rollup -> rollup.getDimension() == dimension).toList();
    }

    public UsageEvent lateUsage(TestRecord<String, byte[]> record) {
        return serdes.usage().deserializer().deserialize(config.lateTopic(), record.value());
    }

    public OutcomeEvent lateOutcome(TestRecord<String, byte[]> record) {
        return serdes.outcome().deserializer().deserialize(config.lateTopic(), record.value());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            driver.close();
            metrics.registry().close();
        } finally {
            SchemaRegistries.dropScope(config.schemaRegistryUrl());
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
