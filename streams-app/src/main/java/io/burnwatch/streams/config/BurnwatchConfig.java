package io.burnwatch.streams.config;

import static io.burnwatch.streams.config.BurnwatchSettings.PREFIX;

import java.io.IOException;
import java.io.Reader;
import io.burnwatch.streams.http.HttpLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;

/**
 * burnwatch's settings, merged from defaults, a properties file, the environment and command-line flags (later
 * sources win), and validated as a whole: a bad value fails here with a message naming the key and the fix.
 * The keys and their defaults are in {@link BurnwatchSettings}.
 */
public final class BurnwatchConfig {

    private final Map<String, String> settings;
    private final Map<String, Object> app;

    private BurnwatchConfig(Map<String, String> settings, Map<String, Object> app) {
        this.settings = Collections.unmodifiableMap(settings);
        this.app = app;
    }

    /**
     * Merges, in increasing precedence, the defaults, {@code file} (may be null), the {@code KAFKA_*} and
     * {@code BURNWATCH_*} variables of {@code env}, and {@code flags}.
     *
     * @throws ConfigException naming the offending key and the fix
     */
    public static BurnwatchConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> merged = new TreeMap<>(BurnwatchSettings.defaults());
        if (file != null) {
            Map<String, String> fromFile = readFile(file);
            requireKnown(fromFile, "in " + file);
            merged.putAll(fromFile);
        }
        merged.putAll(fromEnvironment(env));
        requireKnown(flags, "on the command line");
        merged.putAll(flags);
        return validated(merged);
    }

    /** Defaults overridden by {@code settings}, ignoring the environment: for tests and embedding. */
    public static BurnwatchConfig of(Map<String, String> settings) {
        return load(null, Map.of(), settings);
    }

    /** The settings the {@code KAFKA_*} and {@code BURNWATCH_*} variables of {@code env} set (see {@link EnvironmentSettings}). */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        return EnvironmentSettings.of(env);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config file " + file + " does not exist: pass an existing properties file to --config");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read config file " + file + " (" + e.getMessage()
                    + "): pass a readable key=value properties file to --config");
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    private static void requireKnown(Map<String, String> source, String where) {
        for (String key : source.keySet()) {
            requireNotRenamed(key, where);
            if (key.startsWith(PREFIX) && !BurnwatchSettings.DEFINITION.names().contains(key)) {
                String hint = SettingNames.closest(key, BurnwatchSettings.DEFINITION.names())
                        .map(closest -> "did you mean " + closest + "?")
                        .orElse("burnwatch's settings are "
                                + String.join(", ", new TreeSet<>(BurnwatchSettings.DEFINITION.names())));
                throw new ConfigException("Unknown setting " + key + " " + where + ": check the spelling; " + hint);
            }
        }
    }

    private static void requireNotRenamed(String key, String where) {
        String renamed = BurnwatchSettings.RENAMED.get(key);
        if (renamed != null) {
            throw new ConfigException("Setting " + key + " " + where + " was renamed: set " + renamed + " instead");
        }
    }

    private static BurnwatchConfig validated(Map<String, String> merged) {
        Map<String, String> own = new HashMap<>();
        merged.forEach((key, value) -> {
            if (BurnwatchSettings.DEFINITION.names().contains(key)) {
                own.put(key, value);
            }
        });
        Map<String, Object> app = BurnwatchSettings.DEFINITION.parse(own);
        TopicConflicts.check(app);
        String dlqTopic = app.get(BurnwatchSettings.TOPIC_DLQ).toString().trim();
        String dlq = merged.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlqTopic);
        if (dlq != null && !dlq.equals(dlqTopic)) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlq,
                    "burnwatch sets it from " + BurnwatchSettings.TOPIC_DLQ + ": set that instead");
        }
        requireNonBlank(merged, StreamsConfig.APPLICATION_ID_CONFIG, "--application-id burnwatch");
        requireNonBlank(merged, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "--bootstrap-servers 127.0.0.1:9092");
        requireNonBlank(merged, StreamsConfig.STATE_DIR_CONFIG, "--state-dir /var/lib/burnwatch");
        BurnwatchConfig config = new BurnwatchConfig(merged, app);
        // Kafka validates its own settings, with messages that name the key.
        new StreamsConfig(config.streamsProperties());
        return config;
    }

    private static void requireNonBlank(Map<String, String> merged, String key, String example) {
        String value = merged.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException("Missing " + key + ": set it, e.g. " + example);
        }
    }

    public String usageTopic() {
        return string(BurnwatchSettings.TOPIC_USAGE);
    }

    public String outcomesTopic() {
        return string(BurnwatchSettings.TOPIC_OUTCOMES);
    }

    public String usageJsonTopic() {
        return string(BurnwatchSettings.TOPIC_USAGE_JSON);
    }

    public String outcomesJsonTopic() {
        return string(BurnwatchSettings.TOPIC_OUTCOMES_JSON);
    }

    public String alertsTopic() {
        return string(BurnwatchSettings.TOPIC_ALERTS);
    }

    public String rollups1mTopic() {
        return string(BurnwatchSettings.TOPIC_ROLLUPS_1M);
    }

    public String rollups1hTopic() {
        return string(BurnwatchSettings.TOPIC_ROLLUPS_1H);
    }

    public String rollups1dTopic() {
        return string(BurnwatchSettings.TOPIC_ROLLUPS_1D);
    }

    public String lateTopic() {
        return string(BurnwatchSettings.TOPIC_LATE);
    }

    public String dlqTopic() {
        return string(BurnwatchSettings.TOPIC_DLQ);
    }

    public String pricesTopic() {
        return string(BurnwatchSettings.TOPIC_PRICES);
    }

    public String budgetsTopic() {
        return string(BurnwatchSettings.TOPIC_BUDGETS);
    }

    public String otlpLogsTopic() {
        return string(BurnwatchSettings.TOPIC_OTLP_LOGS);
    }

    public String webhooksTopic() {
        return string(BurnwatchSettings.TOPIC_WEBHOOKS);
    }

    public String identitiesTopic() {
        return string(BurnwatchSettings.TOPIC_IDENTITIES);
    }

    /** The git trailer naming a commit's agent session, e.g. {@code Claude-Session}. */
    public String webhookSessionTrailer() {
        return string(BurnwatchSettings.WEBHOOK_SESSION_TRAILER).trim();
    }

    public List<Integer> budgetDefaultThresholds() {
        return BurnwatchSettings.percents(string(BurnwatchSettings.BUDGET_DEFAULT_THRESHOLDS));
    }

    public double budgetEarlyWarningMinPercent() {
        return decimal(BurnwatchSettings.BUDGET_EARLY_WARNING_MIN_PERCENT);
    }

    public double spikeThreshold() {
        return decimal(BurnwatchSettings.SPIKE_THRESHOLD);
    }

    public double spikeMinRatio() {
        return decimal(BurnwatchSettings.SPIKE_MIN_RATIO);
    }

    public double spikeMinHourlyUsd() {
        return decimal(BurnwatchSettings.SPIKE_MIN_HOURLY_USD);
    }

    public double spikeMinImpactUsd() {
        return decimal(BurnwatchSettings.SPIKE_MIN_IMPACT_USD);
    }

    public int spikeMinHistoryDays() {
        return Integer.parseInt(string(BurnwatchSettings.SPIKE_MIN_HISTORY_DAYS));
    }

    public int topicPartitions() {
        return Integer.parseInt(string(BurnwatchSettings.TOPIC_PARTITIONS));
    }

    public String httpHost() {
        return string(BurnwatchSettings.HTTP_HOST);
    }

    public int httpPort() {
        return Integer.parseInt(string(BurnwatchSettings.HTTP_PORT));
    }

    public HttpLimits httpLimits() {
        return new HttpLimits(Integer.parseInt(string(BurnwatchSettings.HTTP_THREADS)),
                Durations.parse(string(BurnwatchSettings.HTTP_IDLE_TIMEOUT)),
                Integer.parseInt(string(BurnwatchSettings.HTTP_MAX_HEADER_BYTES)), HttpLimits.DEFAULT.maxBodyBytes());
    }

    /** The client tokens of {@code burnwatch.http.auth.tokens}; empty when none is set. */
    public List<String> httpAuthTokens() {
        return Arrays.stream(secret(BurnwatchSettings.HTTP_AUTH_TOKENS).split(",")).map(String::trim)
                .filter(token -> !token.isEmpty()).toList();
    }

    /** The peer token; empty when none is set. */
    public String httpPeerToken() {
        return secret(BurnwatchSettings.HTTP_AUTH_PEER_TOKEN).trim();
    }

    public boolean metricsDetail() {
        return Boolean.parseBoolean(string(BurnwatchSettings.METRICS_DETAIL));
    }

    private String secret(String key) {
        Object value = app.get(key);
        return value instanceof Password password ? password.value() : "";
    }

    public int leaderboardMinGroup() {
        return Integer.parseInt(string(BurnwatchSettings.LEADERBOARD_MIN_GROUP));
    }

    public Duration idleWindow() {
        return Durations.parse(string(BurnwatchSettings.IDLE_WINDOW));
    }

    public double idleMinCostUsd() {
        return Double.parseDouble(string(BurnwatchSettings.IDLE_MIN_COST_USD).trim());
    }

    public long idleMinTokens() {
        return Long.parseLong(string(BurnwatchSettings.IDLE_MIN_TOKENS).trim());
    }

    public Duration idleOutcomeLookback() {
        return Durations.parse(string(BurnwatchSettings.IDLE_OUTCOME_LOOKBACK));
    }

    public Duration idleConfirm() {
        return Durations.parse(string(BurnwatchSettings.IDLE_CONFIRM));
    }

    public Duration idleUpdateInterval() {
        return Durations.parse(string(BurnwatchSettings.IDLE_UPDATE_INTERVAL));
    }

    public Duration idleQuiet() {
        return Durations.parse(string(BurnwatchSettings.IDLE_QUIET));
    }

    public Duration idlePatience() {
        return Durations.parse(string(BurnwatchSettings.IDLE_PATIENCE));
    }

    public Duration idleFingerprintConfirm() {
        return Durations.parse(string(BurnwatchSettings.IDLE_FINGERPRINT_CONFIRM));
    }

    public Duration idleOutcomeDelay() {
        return Durations.parse(string(BurnwatchSettings.IDLE_OUTCOME_DELAY));
    }

    public Duration rollupGrace1m() {
        return Durations.parse(string(BurnwatchSettings.ROLLUP_GRACE_1M));
    }

    public Duration rollupGrace1h() {
        return Durations.parse(string(BurnwatchSettings.ROLLUP_GRACE_1H));
    }

    public Duration rollupGrace1d() {
        return Durations.parse(string(BurnwatchSettings.ROLLUP_GRACE_1D));
    }

    public long maxTokensPerCall() {
        return Long.parseLong(string(BurnwatchSettings.VALIDATION_MAX_TOKENS_PER_CALL));
    }

    public Duration maxFuture() {
        return Durations.parse(string(BurnwatchSettings.VALIDATION_MAX_FUTURE));
    }

    public Duration dedupHorizon() {
        return Durations.parse(string(BurnwatchSettings.DEDUP_HORIZON));
    }

    public Duration rollupMaxLead() {
        return Durations.parse(string(BurnwatchSettings.ROLLUP_MAX_LEAD));
    }

    public int maxFieldBytes() {
        return Integer.parseInt(string(BurnwatchSettings.VALIDATION_MAX_FIELD_BYTES).trim());
    }

    public double maxCostUsdPerCall() {
        return Double.parseDouble(string(BurnwatchSettings.VALIDATION_MAX_COST_USD_PER_CALL).trim());
    }

    public String schemaRegistryUrl() {
        return string(BurnwatchSettings.SCHEMA_REGISTRY_URL);
    }

    public Duration startupTimeout() {
        return Durations.parse(string(BurnwatchSettings.STARTUP_TIMEOUT));
    }

    public String applicationId() {
        return settings.get(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public String bootstrapServers() {
        return settings.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    public Path stateDir() {
        return Path.of(settings.get(StreamsConfig.STATE_DIR_CONFIG));
    }

    /** Everything that is not a {@code burnwatch.*} setting, for {@code KafkaStreams}. */
    public Properties streamsProperties() {
        Properties properties = new Properties();
        properties.putAll(clientSettings());
        // Read by BoundedRocksDbMemory, which Kafka Streams hands its own settings.
        properties.put(BurnwatchSettings.ROCKSDB_MEMORY_MIB, string(BurnwatchSettings.ROCKSDB_MEMORY_MIB));
        return properties;
    }

    /** The settings Avro serdes are configured with (the registry URL and credentials among them). */
    public Map<String, Object> serdeConfig() {
        return clientSettings();
    }

    /** The settings an {@code Admin} client understands: bootstrap servers, security, timeouts. */
    public Map<String, Object> adminConfig() {
        return clientSettings(AdminClientConfig.configNames());
    }

    /** The settings a producer understands: bootstrap servers, security, timeouts. */
    public Map<String, Object> producerConfig() {
        return clientSettings(ProducerConfig.configNames());
    }

    /** The settings a consumer understands: bootstrap servers, security, timeouts. */
    public Map<String, Object> consumerConfig() {
        return clientSettings(ConsumerConfig.configNames());
    }

    /** Every merged setting, defaults included. May hold credentials: do not log it. */
    public Map<String, String> asMap() {
        return settings;
    }

    private Map<String, Object> clientSettings() {
        Map<String, Object> client = new HashMap<>();
        settings.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                client.put(key, value.trim());
            }
        });
        return client;
    }

    private double decimal(String key) {
        return Double.parseDouble(string(key));
    }

    private Map<String, Object> clientSettings(Set<String> understood) {
        Map<String, Object> client = new HashMap<>();
        clientSettings().forEach((key, value) -> {
            if (understood.contains(key)) {
                client.put(key, value);
            }
        });
        return client;
    }

    private String string(String key) {
        return ((String) app.get(key)).trim();
    }
}
