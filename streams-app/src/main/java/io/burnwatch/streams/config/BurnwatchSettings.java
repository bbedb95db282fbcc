package io.burnwatch.streams.config;

import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.streams.ingest.DeadLetterDeserializationHandler;
import io.burnwatch.streams.ingest.DeadLetterProcessingHandler;
import io.burnwatch.streams.ingest.DeadLetterProductionHandler;
import io.burnwatch.streams.state.BoundedRocksDbMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting burnwatch reads, with its default: the {@code burnwatch.*} settings and the schema registry URL
 * in {@link #DEFINITION}, and the Kafka Streams settings burnwatch changes from Kafka's defaults in
 * {@link #kafkaDefaults()}. Any other Kafka client or Streams setting passes through unchanged.
 *
 * <p>Sources, later ones winning: these defaults, the {@code --config} properties file, environment variables
 * ({@code KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}, {@code BURNWATCH_IDLE_WINDOW} sets
 * {@code burnwatch.idle.window}), then command-line flags.
 */
public final class BurnwatchSettings {

    public static final String TOPIC_USAGE = "burnwatch.topic.usage";
    public static final String TOPIC_OUTCOMES = "burnwatch.topic.outcomes";
    public static final String TOPIC_USAGE_JSON = "burnwatch.topic.usage.json";
    public static final String TOPIC_OUTCOMES_JSON = "burnwatch.topic.outcomes.json";
    public static final String TOPIC_ALERTS = "burnwatch.topic.alerts";
    public static final String TOPIC_ROLLUPS_1M = "burnwatch.topic.rollups.1m";
    public static final String TOPIC_ROLLUPS_1H = "burnwatch.topic.rollups.1h";
    public static final String TOPIC_ROLLUPS_1D = "burnwatch.topic.rollups.1d";
    public static final String TOPIC_LATE = "burnwatch.topic.late";
    public static final String TOPIC_DLQ = "burnwatch.topic.dlq";
    public static final String TOPIC_PRICES = "burnwatch.topic.prices";
    public static final String TOPIC_BUDGETS = "burnwatch.topic.budgets";
    public static final String TOPIC_OTLP_LOGS = "burnwatch.topic.otlp.logs";
    public static final String TOPIC_WEBHOOKS = "burnwatch.topic.webhooks";
    public static final String TOPIC_IDENTITIES = "burnwatch.topic.identities";
    public static final String TOPIC_PARTITIONS = "burnwatch.topic.partitions";
    public static final String WEBHOOK_SESSION_TRAILER = "burnwatch.webhook.session.trailer";
    public static final String ROCKSDB_MEMORY_MIB = BoundedRocksDbMemory.MEMORY_MIB;
    public static final String HTTP_HOST = "burnwatch.http.host";
    public static final String HTTP_PORT = "burnwatch.http.port";
    public static final String HTTP_THREADS = "burnwatch.http.threads";
    public static final String HTTP_IDLE_TIMEOUT = "burnwatch.http.idle.timeout";
    public static final String HTTP_MAX_HEADER_BYTES = "burnwatch.http.max.header.bytes";
    public static final String HTTP_AUTH_TOKENS = "burnwatch.http.auth.tokens";
    public static final String HTTP_AUTH_PEER_TOKEN = "burnwatch.http.auth.peer.token";
    public static final String METRICS_DETAIL = "burnwatch.metrics.detail";
    public static final String RECEIVER_HOST = "burnwatch.receiver.host";
    public static final String RECEIVER_PORT = "burnwatch.receiver.port";
    public static final String RECEIVER_OTLP_TOKENS = "burnwatch.receiver.otlp.tokens";
    public static final String RECEIVER_GITHUB_SECRET = "burnwatch.receiver.github.secret";
    public static final String RECEIVER_GITLAB_TOKEN = "burnwatch.receiver.gitlab.token";
    public static final String RECEIVER_MAX_REQUEST_BYTES = "burnwatch.receiver.max.request.bytes";
    public static final String RECEIVER_SEND_TIMEOUT = "burnwatch.receiver.send.timeout";
    public static final String LEADERBOARD_MIN_GROUP = "burnwatch.leaderboard.min.group";
    public static final String IDLE_WINDOW = "burnwatch.idle.window";
    public static final String IDLE_MIN_COST_USD = "burnwatch.idle.min.cost.usd";
    public static final String IDLE_MIN_TOKENS = "burnwatch.idle.min.tokens";
    public static final String IDLE_OUTCOME_LOOKBACK = "burnwatch.idle.outcome.lookback";
    public static final String IDLE_CONFIRM = "burnwatch.idle.confirm";
    public static final String IDLE_UPDATE_INTERVAL = "burnwatch.idle.update.interval";
    public static final String IDLE_QUIET = "burnwatch.idle.quiet";
    public static final String IDLE_PATIENCE = "burnwatch.idle.patience";
    public static final String IDLE_FINGERPRINT_CONFIRM = "burnwatch.idle.fingerprint.confirm";
    public static final String IDLE_OUTCOME_DELAY = "burnwatch.idle.outcome.delay";
    public static final String VALIDATION_MAX_TOKENS_PER_CALL = "burnwatch.validation.max.tokens.per.call";
    public static final String VALIDATION_MAX_FUTURE = "burnwatch.validation.max.future";
    public static final String DEDUP_HORIZON = "burnwatch.dedup.horizon";
    public static final String VALIDATION_MAX_FIELD_BYTES = "burnwatch.validation.max.field.bytes";
    public static final String VALIDATION_MAX_COST_USD_PER_CALL = "burnwatch.validation.max.cost.usd.per.call";
    public static final String ROLLUP_GRACE_1M = "burnwatch.rollup.grace.1m";
    public static final String ROLLUP_GRACE_1H = "burnwatch.rollup.grace.1h";
    public static final String ROLLUP_GRACE_1D = "burnwatch.rollup.grace.1d";
    public static final String BUDGET_DEFAULT_THRESHOLDS = "burnwatch.budget.default.thresholds";
    public static final String BUDGET_EARLY_WARNING_MIN_PERCENT = "burnwatch.budget.early.warning.min.percent";
    public static final String SPIKE_THRESHOLD = "burnwatch.spike.threshold";
    public static final String SPIKE_MIN_RATIO = "burnwatch.spike.min.ratio";
    public static final String SPIKE_MIN_HOURLY_USD = "burnwatch.spike.min.hourly.usd";
    public static final String SPIKE_MIN_IMPACT_USD = "burnwatch.spike.min.impact.usd";
    public static final String SPIKE_MIN_HISTORY_DAYS = "burnwatch.spike.min.history.days";
    public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
    public static final String ROLLUP_MAX_LEAD = "burnwatch.rollup.max.lead";
    public static final String STARTUP_TIMEOUT = "burnwatch.startup.timeout";

    /** The prefix that marks a setting as burnwatch's own rather than Kafka's. */
    public static final String PREFIX = "burnwatch.";

    /** Settings of earlier releases that were renamed, with their new names: using an old name is an error. */
    public static final Map<String, String> RENAMED = Map.of(
            "burnwatch.rollup.grace", ROLLUP_GRACE_1M,
            "burnwatch.alert.min.tokens", IDLE_MIN_TOKENS,
            "burnwatch.alert.window", IDLE_WINDOW,
            "burnwatch.alert.outcome.lookback", IDLE_OUTCOME_LOOKBACK);

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(TOPIC_USAGE, Type.STRING, "burnwatch.usage", topicName(), Importance.HIGH,
                    "Input: one UsageEvent per model call, keyed by user_id.")
            .define(TOPIC_OUTCOMES, Type.STRING, "burnwatch.outcomes", topicName(), Importance.HIGH,
                    "Input: OutcomeEvents keyed by user_id, co-partitioned with usage.")
            .define(TOPIC_USAGE_JSON, Type.STRING, "burnwatch.usage.json", topicName(), Importance.MEDIUM,
                    "Input: UsageEvents as JSON objects, forwarded as Avro to the usage topic.")
            .define(TOPIC_OUTCOMES_JSON, Type.STRING, "burnwatch.outcomes.json", topicName(), Importance.MEDIUM,
                    "Input: OutcomeEvents as JSON objects, forwarded as Avro to the outcomes topic.")
            .define(TOPIC_ALERTS, Type.STRING, "burnwatch.alerts", topicName(), Importance.HIGH,
                    "Output: Alert states keyed by alert_id (compacted).")
            .define(TOPIC_ROLLUPS_1M, Type.STRING, "burnwatch.rollups.1m", topicName(), Importance.HIGH,
                    "Output: one UsageRollup per user, team and model and closed 1-minute window.")
            .define(TOPIC_ROLLUPS_1H, Type.STRING, "burnwatch.rollups.1h", topicName(), Importance.HIGH,
                    "Output: one UsageRollup per user, team and model and closed 1-hour window.")
            .define(TOPIC_ROLLUPS_1D, Type.STRING, "burnwatch.rollups.1d", topicName(), Importance.HIGH,
                    "Output: one UsageRollup per user, team and model and closed UTC day.")
            .define(TOPIC_LATE, Type.STRING, "burnwatch.late", topicName(), Importance.HIGH,
                    "Output: events that came after their window closed, with the windows they missed in headers.")
            .define(TOPIC_DLQ, Type.STRING, "burnwatch.dlq", topicName(), Importance.HIGH,
                    "Dead letter queue: unreadable or invalid input records, with their original bytes and the reason.")
            .define(TOPIC_PRICES, Type.STRING, "burnwatch.prices", topicName(), Importance.HIGH,
                    "Model prices: one ModelPrices per model id, every price version in it (compacted).")
            .define(TOPIC_BUDGETS, Type.STRING, "burnwatch.budgets", topicName(), Importance.HIGH,
                    "Budgets: one Budget per scope (team:<id> or user:<id>), compacted; a tombstone removes one.")
            .define(TOPIC_OTLP_LOGS, Type.STRING, "burnwatch.otlp.logs", topicName(), Importance.MEDIUM,
                    "Input: OpenTelemetry log batches (ExportLogsServiceRequest, OTLP protobuf or JSON) from agents,"
                            + " as the Collector's Kafka exporter or burnwatch's OTLP receiver writes them.")
            .define(TOPIC_WEBHOOKS, Type.STRING, "burnwatch.webhooks", topicName(), Importance.MEDIUM,
                    "Input: GitHub and GitLab webhook deliveries, verified and written by burnwatch's receiver.")
            .define(TOPIC_IDENTITIES, Type.STRING, "burnwatch.identities", topicName(), Importance.MEDIUM,
                    "Identity map: <kind>:<identity> (email, github, gitlab) to user_id, compacted; a tombstone removes one.")
            .define(WEBHOOK_SESSION_TRAILER, Type.STRING, "Claude-Session", trailerName(), Importance.MEDIUM,
                    "The git trailer that names the agent session a commit (or a PR, in its description) came from:"
                            + " a session id, or a URL whose last path segment is one.")
            .define(TOPIC_PARTITIONS, Type.STRING, "6", integer(1, 10_000, "6"), Importance.MEDIUM,
                    "Partitions of the topics burnwatch creates.")
            .define(ROCKSDB_MEMORY_MIB, Type.STRING, "256", integer(16, 1 << 20, "256"), Importance.MEDIUM,
                    "MiB of native memory all RocksDB stores of the process share: one block cache, memtables"
                            + " included (with rocksdb.config.setter left to burnwatch's).")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", nonBlank("127.0.0.1"), Importance.MEDIUM,
                    "Address of the health, status and metrics endpoints.")
            .define(HTTP_PORT, Type.STRING, "8080", integer(0, 65_535, "8080"), Importance.MEDIUM,
                    "Port of the health, status and metrics endpoints; 0 picks a free port.")
            .define(HTTP_THREADS, Type.STRING, "16", integer(4, 256, "16"), Importance.LOW,
                    "Worker threads of the HTTP server; requests are read without one, so slow clients hold none.")
            .define(HTTP_IDLE_TIMEOUT, Type.STRING, "10s", duration(Duration.ofSeconds(1), "10s"), Importance.LOW,
                    "An HTTP connection silent this long, while sending its request or between requests, is closed.")
            .define(HTTP_MAX_HEADER_BYTES, Type.STRING, "8192", integer(1024, 65_536, "8192"), Importance.LOW,
                    "Largest HTTP request line and headers, in bytes; larger requests get 431.")
            .define(HTTP_AUTH_TOKENS, Type.PASSWORD, "", tokens(), Importance.HIGH,
                    "Bearer tokens, comma-separated, that open /users, /alerts and /leaderboard; required when"
                            + " burnwatch.http.host is not a loopback address. Health and metrics stay open.")
            .define(HTTP_AUTH_PEER_TOKEN, Type.PASSWORD, "", tokens(), Importance.HIGH,
                    "Bearer token the instances of one application send each other; the only one that opens"
                            + " /internal/. Set the same value on every instance.")
            .define(RECEIVER_HOST, Type.STRING, "127.0.0.1", nonBlank("127.0.0.1"), Importance.MEDIUM,
                    "Receiver: address it listens on; beyond loopback it needs at least one of its credentials.")
            .define(RECEIVER_PORT, Type.STRING, "4318", integer(0, 65_535, "4318"), Importance.MEDIUM,
                    "Receiver: port of POST /v1/logs, /webhooks/github, /webhooks/gitlab and GET /health (4318 is"
                            + " OTLP/HTTP's); 0 picks a free port.")
            .define(RECEIVER_OTLP_TOKENS, Type.PASSWORD, "", tokens(), Importance.HIGH,
                    "Receiver: bearer tokens, comma-separated, that agents send to POST /v1/logs (OTLP/HTTP logs);"
                            + " none: the route answers 404.")
            .define(RECEIVER_GITHUB_SECRET, Type.PASSWORD, "", secret(), Importance.HIGH,
                    "Receiver: the secret of the GitHub webhook, which signs each delivery (X-Hub-Signature-256);"
                            + " none: POST /webhooks/github answers 404.")
            .define(RECEIVER_GITLAB_TOKEN, Type.PASSWORD, "", secret(), Importance.HIGH,
                    "Receiver: the secret token of the GitLab webhook (X-Gitlab-Token); none: POST /webhooks/gitlab"
                            + " answers 404.")
            .define(RECEIVER_MAX_REQUEST_BYTES, Type.STRING, "4194304", integer(1024, 64 << 20, "4194304"),
                    Importance.MEDIUM, "Receiver: the largest request body, in bytes, before and after gzip is"
                            + " undone; larger ones get 413. The record, compressed, must fit the topic's"
                            + " max.message.bytes.")
            .define(RECEIVER_SEND_TIMEOUT, Type.STRING, "10s", duration(Duration.ofSeconds(2), "10s"), Importance.MEDIUM,
                    "Receiver: how long a request waits for Kafka to take its record before it is answered 503.")
            .define(METRICS_DETAIL, Type.STRING, "false", ConfigDef.ValidString.in("false", "true"), Importance.LOW,
                    "false: /metrics serves what the dashboard and alert rules use; true: every Kafka and JVM meter.")
            .define(LEADERBOARD_MIN_GROUP, Type.STRING, "5", integer(1, 1_000, "5"), Importance.MEDIUM,
                    "Privacy floor: the leaderboard shows no one until at least this many people are ranked on it.")
            .define(IDLE_WINDOW, Type.STRING, "30m", duration(Duration.ofMinutes(1), "30m"), Importance.HIGH,
                    "Trailing event-time window over which an agent session's burn is summed (whole minutes).")
            .define(IDLE_MIN_COST_USD, Type.STRING, "5", decimal(0.01, 1_000_000, "5"), Importance.HIGH,
                    "Dollars of agent calls in one session and window that count as a burn.")
            .define(IDLE_MIN_TOKENS, Type.STRING, "2000000", longAtLeast(1, "2000000"), Importance.HIGH,
                    "Tokens (all four kinds) of agent calls in one session and window that count as a burn.")
            .define(IDLE_OUTCOME_LOOKBACK, Type.STRING, "2h", duration(Duration.ofMinutes(1), "2h"), Importance.HIGH,
                    "An outcome attributable to an open alert's session this recent, even one stamped before the alert"
                            + " opened, resolves it; outcomes are remembered at least this long.")
            .define(IDLE_PATIENCE, Type.STRING, "75m", duration(Duration.ofMinutes(1), "75m"), Importance.HIGH,
                    "How long a burning session of a user with too little history of outcomes may go without one"
                            + " before it is accused; users with at least 4 gaps between outcomes get their own.")
            .define(IDLE_CONFIRM, Type.STRING, "1m", duration(Duration.ZERO, "1m"), Importance.MEDIUM,
                    "How long a burn must last, past the patience, before its alert opens.")
            .define(IDLE_FINGERPRINT_CONFIRM, Type.STRING, "10m", duration(Duration.ZERO, "10m"), Importance.MEDIUM,
                    "A burn with two or more loop fingerprints present opens an alert once it has lasted this long,"
                            + " without waiting for the patience.")
            .define(IDLE_OUTCOME_DELAY, Type.STRING, "5m", duration(Duration.ZERO, "5m"), Importance.HIGH,
                    "How long (wall clock) after a user's usage their outcomes of the same event time may still reach"
                            + " burnwatch: idle-loop decisions wait this long, so that arrival order does not change"
                            + " them; 0 decides on arrival.")
            .define(IDLE_UPDATE_INTERVAL, Type.STRING, "15m", duration(Duration.ofMinutes(1), "15m"), Importance.MEDIUM,
                    "An open IDLE_LOOP alert is updated at most this often while the burn goes on.")
            .define(IDLE_QUIET, Type.STRING, "30m", duration(Duration.ofMinutes(1), "30m"), Importance.MEDIUM,
                    "A session with no agent call for this long stopped burning: its alert resolves QUIET.")
            .define(VALIDATION_MAX_TOKENS_PER_CALL, Type.STRING, "10000000", longAtLeast(1, "10000000"), Importance.MEDIUM,
                    "More tokens (all four kinds) in one call is absurd: the record goes to the dead letter queue.")
            .define(VALIDATION_MAX_FUTURE, Type.STRING, "5m", duration(Duration.ZERO, "5m"), Importance.MEDIUM,
                    "An event whose ts is further ahead of the wall clock goes to the dead letter queue.")
            .define(VALIDATION_MAX_FIELD_BYTES, Type.STRING, "256", integer(16, 16 << 20, "256"), Importance.MEDIUM,
                    "The most UTF-8 bytes of any text field of an input event (ids, model, client, repo, ref, prompt"
                            + " hash); a longer one is FIELD_TOO_LONG.")
            .define(VALIDATION_MAX_COST_USD_PER_CALL, Type.STRING, "10000", decimal(0.01, 1_000_000_000, "10000"),
                    Importance.MEDIUM, "More cost_usd than this in one call is ABSURD_COST; a negative one is"
                            + " NEGATIVE_COST, NaN or infinite NON_FINITE_COST.")
            .define(DEDUP_HORIZON, Type.STRING, "24h", duration(Duration.ofMinutes(1), "24h"), Importance.MEDIUM,
                    "A repeated event_id within this much event time counts once; older events go to the dead letter queue.")
            .define(ROLLUP_GRACE_1M, Type.STRING, "30s", duration(Duration.ZERO, "30s"), Importance.MEDIUM,
                    "How late (in stream time past the window's end) an event may come and still count in its 1-minute rollups.")
            .define(ROLLUP_GRACE_1H, Type.STRING, "5m", duration(Duration.ZERO, "5m"), Importance.MEDIUM,
                    "How late an event may come and still count in its 1-hour rollups.")
            .define(ROLLUP_GRACE_1D, Type.STRING, "30m", duration(Duration.ZERO, "30m"), Importance.MEDIUM,
                    "How late an event may come and still count in its 1-day rollups.")
            .define(BUDGET_DEFAULT_THRESHOLDS, Type.STRING, "50,80,100", percentList("50,80,100"), Importance.MEDIUM,
                    "Percentages of a budget at which BUDGET alerts fire, for budgets that list none.")
            .define(BUDGET_EARLY_WARNING_MIN_PERCENT, Type.STRING, "10", decimal(0, 100, "10"), Importance.MEDIUM,
                    "An early warning (forecast to run out before the period ends) needs at least this percent of the budget spent.")
            .define(SPIKE_THRESHOLD, Type.STRING, "5", decimal(0, 1_000, "5"), Importance.MEDIUM,
                    "Robust z-score, (cost - median) / (1.4826 x MAD), at or above which an hour's cost is a spike.")
            .define(SPIKE_MIN_RATIO, Type.STRING, "3", decimal(1, 1_000, "3"), Importance.MEDIUM,
                    "A spike costs at least this many times the baseline median.")
            .define(SPIKE_MIN_HOURLY_USD, Type.STRING, "2", decimal(0, 1_000_000, "2"), Importance.MEDIUM,
                    "Minimum activity: an hour costing less (USD) is never a spike.")
            .define(SPIKE_MIN_IMPACT_USD, Type.STRING, "5", decimal(0, 1_000_000, "5"), Importance.MEDIUM,
                    "Minimum impact: a spike costs at least this much (USD) more than the baseline median.")
            .define(SPIKE_MIN_HISTORY_DAYS, Type.STRING, "4", integer(1, 10, "4"), Importance.MEDIUM,
                    "Days of the same type (weekday or weekend) in the trailing 14 a scope needs before its own baseline"
                            + " counts; until then a user is compared with its team's members.")
            .define(ROLLUP_MAX_LEAD, Type.STRING, "5s", duration(Duration.ZERO, "5s"), Importance.LOW,
                    "How far past the wall clock the rollups' stream time may run. A call stamped later still counts,"
                            + " but closes windows (and makes other calls late) only as of the wall clock plus this;"
                            + " keep it below burnwatch.rollup.grace.1m.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, "http://127.0.0.1:8081", registryUrl(), Importance.HIGH,
                    "Schema registry URL(s), comma-separated; mock://scope in tests.")
            .define(STARTUP_TIMEOUT, Type.STRING, "60s", duration(Duration.ofSeconds(1), "60s"), Importance.MEDIUM,
                    "How long a command waits at start for a broker of bootstrap.servers to answer before it stops"
                            + " with an error.")
            ;

    private BurnwatchSettings() {
    }

    /**
     * Kafka Streams settings that differ from Kafka's defaults. {@code errors.dead.letter.queue.topic.name}
     * always follows {@code burnwatch.topic.dlq}; burnwatch's handlers send a record that cannot be read or breaks
     * its contract there, with its original bytes, exception headers and the reason, and processing continues.
     */
    public static Map<String, String> kafkaDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "burnwatch");
        defaults.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of(System.getProperty("java.io.tmpdir"), "burnwatch-streams").toString());
        defaults.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        defaults.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        defaults.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        // Kafka 5.0's default; setting it now keeps Kafka from warning at every start.
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        return defaults;
    }

    /** Every default: burnwatch's own and {@link #kafkaDefaults()}. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        DEFINITION.configKeys().values().forEach(key -> defaults.put(key.name, key.defaultValue instanceof Password secret
                ? secret.value() : String.valueOf(key.defaultValue)));
        defaults.putAll(kafkaDefaults());
        return defaults;
    }

    /** Each setting as {@code key = default}, then what it means: the list {@code --help} prints. */
    public static String describe() {
        StringBuilder text = new StringBuilder();
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            text.append(String.format("  %s = %s%n      %s%n", key.name, key.defaultValue, key.documentation));
        }
        kafkaDefaults().forEach((key, value) -> text.append(String.format("  %s = %s%n", key, value)));
        text.append(String.format("  %s = the value of %s%n",
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, TOPIC_DLQ));
        return text.toString();
    }

    private static ConfigDef.Validator topicName() {
        return (name, value) -> {
            if (!TOPIC.matcher(String.valueOf(value)).matches()) {
                throw new ConfigException(name, value,
                        "a topic name is 1-249 letters, digits, '.', '_' or '-', e.g. " + name.substring(PREFIX.length()));
            }
        };
    }

    private static ConfigDef.Validator trailerName() {
        return (name, value) -> {
            if (value == null || !value.toString().trim().matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
                throw new ConfigException(name, value, "a git trailer name is letters, digits and '-', e.g. Claude-Session");
            }
        };
    }

    private static ConfigDef.Validator nonBlank(String example) {
        return (name, value) -> {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "must not be empty, e.g. " + example);
            }
        };
    }

    private static ConfigDef.Validator integer(int min, int max, String example) {
        return (name, value) -> {
            try {
                int parsed = Integer.parseInt(value.toString().trim());
                if (parsed >= min && parsed <= max) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name, value, "expected a whole number from " + min + " to " + max + ", e.g. " + example);
        };
    }

    private static ConfigDef.Validator longAtLeast(long min, String example) {
        return (name, value) -> {
            try {
                if (Long.parseLong(value.toString().trim()) >= min) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name, value, "expected a whole number of at least " + min + ", e.g. " + example);
        };
    }

    private static ConfigDef.Validator decimal(double min, double max, String example) {
        return (name, value) -> {
            try {
                double parsed = Double.parseDouble(value.toString().trim());
                if (parsed >= min && parsed <= max) {
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name, value, "expected a number from " + format(min) + " to " + format(max)
                    + ", e.g. " + example);
        };
    }

    private static ConfigDef.Validator percentList(String example) {
        return (name, value) -> {
            try {
                if (!percents(value.toString()).isEmpty()) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new ConfigException(name, value, "expected percentages from 1 to 1000, comma-separated, e.g. " + example);
        };
    }

    /**
     * Parses {@code 50,80,100} into sorted, distinct percentages.
     *
     * @throws IllegalArgumentException if a part is not a whole number from 1 to 1000
     */
    public static List<Integer> percents(String text) {
        TreeSet<Integer> percents = new TreeSet<>();
        for (String part : text.split(",")) {
            int percent = Integer.parseInt(part.trim());
            if (percent < 1 || percent > 1000) {
                throw new IllegalArgumentException(percent + " is not from 1 to 1000");
            }
            percents.add(percent);
        }
        return List.copyOf(percents);
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    private static ConfigDef.Validator duration(Duration min, String example) {
        return (name, value) -> {
            Duration parsed;
            try {
                parsed = Durations.parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
            if (parsed.compareTo(min) < 0) {
                throw new ConfigException(name, value, "must be at least " + Durations.format(min) + ", e.g. " + example);
            }
        };
    }

    /** Tokens short enough to guess are refused; the message never repeats the value. */
    private static ConfigDef.Validator tokens() {
        return (name, value) -> {
            String tokens = value instanceof Password secret ? secret.value() : String.valueOf(value);
            for (String token : tokens.split(",")) {
                if (!token.isBlank() && token.trim().length() < 16) {
                    throw new ConfigException(name + " has a token shorter than 16 characters: use long random"
                            + " tokens, e.g. from openssl rand -hex 32");
                }
            }
        };
    }

    /** A single secret (commas allowed) long enough not to be guessed; the message never repeats the value. */
    private static ConfigDef.Validator secret() {
        return (name, value) -> {
            String secret = value instanceof Password password ? password.value() : String.valueOf(value);
            if (!secret.isBlank() && secret.trim().length() < 16) {
                throw new ConfigException(name + " is shorter than 16 characters: use a long random secret, e.g."
                        + " from openssl rand -hex 32");
            }
        };
    }

    private static ConfigDef.Validator registryUrl() {
        return (name, value) -> {
            String url = value == null ? "" : value.toString().trim();
            if (url.isEmpty()) {
                throw new ConfigException("Missing " + name
                        + ": set it with --schema-registry-url, e.g. --schema-registry-url http://127.0.0.1:8081");
            }
            for (String one : url.split(",")) {
                String trimmed = one.trim();
                if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://") && !trimmed.startsWith("mock://")) {
                    throw new ConfigException(name, value,
                            "expected http://host:port (or mock://scope in tests), e.g. http://127.0.0.1:8081");
                }
            }
        };
    }
}
