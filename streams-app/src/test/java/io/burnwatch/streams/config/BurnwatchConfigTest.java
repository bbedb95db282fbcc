package io.burnwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.streams.ingest.DeadLetterDeserializationHandler;
import io.burnwatch.streams.ingest.DeadLetterProcessingHandler;
import io.burnwatch.streams.state.BoundedRocksDbMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration")
class BurnwatchConfigTest {

    @TempDir
    Path dir;

    @Nested
    @DisplayName("defaults")
    class Defaults {

        private final BurnwatchConfig config = BurnwatchConfig.of(Map.of());

        @Test
        @DisplayName("name burnwatch's topics")
        void topics() {
            assertThat(config.usageTopic()).isEqualTo("burnwatch.usage");
            assertThat(config.outcomesTopic()).isEqualTo("burnwatch.outcomes");
            assertThat(config.alertsTopic()).isEqualTo("burnwatch.alerts");
            assertThat(config.rollups1mTopic()).isEqualTo("burnwatch.rollups.1m");
            assertThat(config.rollups1hTopic()).isEqualTo("burnwatch.rollups.1h");
            assertThat(config.rollups1dTopic()).isEqualTo("burnwatch.rollups.1d");
            assertThat(config.lateTopic()).isEqualTo("burnwatch.late");
            assertThat(config.dlqTopic()).isEqualTo("burnwatch.dlq");
            assertThat(config.pricesTopic()).isEqualTo("burnwatch.prices");
            assertThat(config.usageJsonTopic()).isEqualTo("burnwatch.usage.json");
            assertThat(config.outcomesJsonTopic()).isEqualTo("burnwatch.outcomes.json");
            assertThat(config.topicPartitions()).isEqualTo(6);
        }

        @Test
        @DisplayName("idle loop: $5 or 2M tokens in 30 min, no outcome in 2 h, confirmed after 1 min, updated every 15 min,"
                + " quiet after 30 min; rollup grace 30 s, 5 min and 30 min")
        void rules() {
            assertThat(config.idleMinCostUsd()).isEqualTo(5.0);
            assertThat(config.idleMinTokens()).isEqualTo(2_000_000);
            assertThat(config.idleWindow()).isEqualTo(Duration.ofMinutes(30));
            assertThat(config.idleOutcomeLookback()).isEqualTo(Duration.ofHours(2));
            assertThat(config.idleConfirm()).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.idleUpdateInterval()).isEqualTo(Duration.ofMinutes(15));
            assertThat(config.idleQuiet()).isEqualTo(Duration.ofMinutes(30));
            assertThat(config.rollupGrace1m()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.rollupGrace1h()).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.rollupGrace1d()).isEqualTo(Duration.ofMinutes(30));
            assertThat(config.rollupMaxLead()).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        @DisplayName("refuse calls over 10M tokens or more than 5 min ahead, and remember event ids for 24 h")
        void ingest() {
            assertThat(config.maxTokensPerCall()).isEqualTo(10_000_000);
            assertThat(config.maxFuture()).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.dedupHorizon()).isEqualTo(Duration.ofHours(24));
        }

        @Test
        @DisplayName("serve HTTP on 127.0.0.1:8080 and use the registry at 127.0.0.1:8081")
        void endpoints() {
            assertThat(config.httpHost()).isEqualTo("127.0.0.1");
            assertThat(config.httpPort()).isEqualTo(8080);
            assertThat(config.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
        }

        @Test
        @DisplayName("run Kafka Streams exactly-once, sending unreadable and invalid records to the dead letter queue")
        void streams() {
            Properties streams = config.streamsProperties();
            assertThat(streams).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "burnwatch")
                    .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                    .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                    .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "burnwatch.dlq")
                    .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                            DeadLetterDeserializationHandler.class.getName())
                    .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                            DeadLetterProcessingHandler.class.getName())
                    .containsEntry("schema.registry.url", "http://127.0.0.1:8081");
            assertThat(config.stateDir()).startsWithRaw(Path.of(System.getProperty("java.io.tmpdir")));
            // Of burnwatch's own settings, Kafka Streams is handed only what its RocksDB config setter reads.
            assertThat(streams.keySet()).filteredOn(key -> key.toString().startsWith("burnwatch."))
                    .containsExactly(BurnwatchSettings.ROCKSDB_MEMORY_MIB);
            assertThat(streams).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                    BoundedRocksDbMemory.class.getName()).containsEntry(BurnwatchSettings.ROCKSDB_MEMORY_MIB, "256");
        }
    }

    @Nested
    @DisplayName("precedence: defaults < file < environment < flags")
    class Precedence {

        @Test
        @DisplayName("a file overrides the defaults")
        void fileOverridesDefaults() throws IOException {
            Path file = file("burnwatch.idle.window=5m\nbootstrap.servers=broker-a:9092\n");

            BurnwatchConfig config = BurnwatchConfig.load(file, Map.of(), Map.of());

            assertThat(config.idleWindow()).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.bootstrapServers()).isEqualTo("broker-a:9092");
        }

        @Test
        @DisplayName("the environment overrides the file")
        void environmentOverridesFile() throws IOException {
            Path file = file("burnwatch.idle.window=5m\nbootstrap.servers=broker-a:9092\n");

            BurnwatchConfig config = BurnwatchConfig.load(file,
                    Map.of("BURNWATCH_IDLE_WINDOW", "7m", "KAFKA_BOOTSTRAP_SERVERS", "broker-b:9092"), Map.of());

            assertThat(config.idleWindow()).isEqualTo(Duration.ofMinutes(7));
            assertThat(config.bootstrapServers()).isEqualTo("broker-b:9092");
        }

        @Test
        @DisplayName("flags override the environment")
        void flagsOverrideEnvironment() throws IOException {
            Path file = file("burnwatch.idle.window=5m\nbootstrap.servers=broker-a:9092\n");

            BurnwatchConfig config = BurnwatchConfig.load(file,
                    Map.of("BURNWATCH_IDLE_WINDOW", "7m", "KAFKA_BOOTSTRAP_SERVERS", "broker-b:9092"),
                    Map.of("burnwatch.idle.window", "9m", "bootstrap.servers", "broker-c:9092"));

            assertThat(config.idleWindow()).isEqualTo(Duration.ofMinutes(9));
            assertThat(config.bootstrapServers()).isEqualTo("broker-c:9092");
        }

        @Test
        @DisplayName("each layer only overrides the keys it sets")
        void layersMergeKeyByKey() throws IOException {
            Path file = file("burnwatch.topic.usage=file.usage\nburnwatch.topic.outcomes=file.outcomes\n"
                    + "burnwatch.topic.alerts=file.alerts\n");

            BurnwatchConfig config = BurnwatchConfig.load(file,
                    Map.of("BURNWATCH_TOPIC_OUTCOMES", "env.outcomes", "BURNWATCH_TOPIC_ALERTS", "env.alerts"),
                    Map.of("burnwatch.topic.alerts", "flag.alerts"));

            assertThat(config.usageTopic()).isEqualTo("file.usage");
            assertThat(config.outcomesTopic()).isEqualTo("env.outcomes");
            assertThat(config.alertsTopic()).isEqualTo("flag.alerts");
            assertThat(config.rollups1mTopic()).isEqualTo("burnwatch.rollups.1m");
        }
    }

    @Nested
    @DisplayName("environment variables")
    class Environment {

        @Test
        @DisplayName("KAFKA_* become Kafka settings and BURNWATCH_* burnwatch settings: prefix off, lower case, _ to .")
        void mapping() {
            Map<String, String> mapped = BurnwatchConfig.fromEnvironment(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                    "KAFKA_SCHEMA_REGISTRY_URL", "http://r:8081",
                    "KAFKA_MAX_POLL_RECORDS", "50",
                    "BURNWATCH_TOPIC_ROLLUPS_1M", "r1m",
                    "BURNWATCH_HTTP_PORT", "9000"));

            assertThat(mapped).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "bootstrap.servers", "b:9092",
                    "schema.registry.url", "http://r:8081",
                    "max.poll.records", "50",
                    "burnwatch.topic.rollups.1m", "r1m",
                    "burnwatch.http.port", "9000"));
        }

        @Test
        @DisplayName("ignores launcher variables, Kubernetes' service variables and everything else")
        void ignored() {
            Map<String, String> mapped = BurnwatchConfig.fromEnvironment(Map.of(
                    "KAFKA_HEAP_OPTS", "-Xmx1g",
                    "KAFKA_OPTS", "-Dx=y",
                    "BURNWATCH_HTTP_SERVICE_HOST", "10.0.0.11",
                    "PATH", "/usr/bin"));

            assertThat(mapped).isEmpty();
        }
    }

    @Nested
    @DisplayName("pass-through")
    class PassThrough {

        @Test
        @DisplayName("hands any Kafka setting to Kafka Streams, and only admin settings to the admin client")
        void kafkaSettingsPassThrough() {
            BurnwatchConfig config = BurnwatchConfig.of(Map.of("max.poll.records", "50", "security.protocol", "SSL"));

            assertThat(config.streamsProperties()).containsEntry("max.poll.records", "50")
                    .containsEntry("security.protocol", "SSL");
            assertThat(config.adminConfig()).containsEntry("security.protocol", "SSL")
                    .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                    .doesNotContainKeys("max.poll.records", "application.id");
        }

        @Test
        @DisplayName("takes the number of standby replicas from KAFKA_NUM_STANDBY_REPLICAS")
        void standbyReplicasFromTheEnvironment() {
            BurnwatchConfig config = BurnwatchConfig.load(null, Map.of("KAFKA_NUM_STANDBY_REPLICAS", "1"), Map.of());

            assertThat(config.streamsProperties()).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        }

        @Test
        @DisplayName("points Kafka's dead letter queue at burnwatch.topic.dlq")
        void deadLetterQueueFollowsTheDlqTopic() {
            BurnwatchConfig config = BurnwatchConfig.of(Map.of("burnwatch.topic.dlq", "team.dlq"));

            assertThat(config.dlqTopic()).isEqualTo("team.dlq");
            assertThat(config.streamsProperties())
                    .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "team.dlq");
        }
    }

    @Nested
    @DisplayName("a bad value fails with one line naming the key and the fix")
    class BadValues {

        @Test
        void nonNumericPort() {
            assertRejected(Map.of("burnwatch.http.port", "80a"),
                    "Invalid value 80a for configuration burnwatch.http.port: expected a whole number from 0 to 65535, e.g. 8080");
        }

        @Test
        void portOutOfRange() {
            assertRejected(Map.of("burnwatch.http.port", "70000"), "burnwatch.http.port", "0 to 65535");
        }

        @Test
        void badDuration() {
            assertRejected(Map.of("burnwatch.idle.window", "ten minutes"),
                    "Invalid value ten minutes for configuration burnwatch.idle.window: expected a whole number and"
                            + " a unit (ms, s, m, h or d), e.g. 30s, 10m or 1h");
        }

        @Test
        void zeroWindow() {
            assertRejected(Map.of("burnwatch.idle.window", "0s"), "burnwatch.idle.window", "at least 1m");
        }

        @Test
        void zeroMinTokens() {
            assertRejected(Map.of("burnwatch.idle.min.tokens", "0"), "burnwatch.idle.min.tokens", "at least 1");
        }

        @Test
        void missingRegistryUrl() {
            assertRejected(Map.of("schema.registry.url", " "),
                    "Missing schema.registry.url: set it with --schema-registry-url, e.g. --schema-registry-url http://127.0.0.1:8081");
        }

        @Test
        void registryUrlWithoutScheme() {
            assertRejected(Map.of("schema.registry.url", "127.0.0.1:8081"), "schema.registry.url", "http://host:port");
        }

        @Test
        void badTopicName() {
            assertRejected(Map.of("burnwatch.topic.alerts", "my alerts"), "burnwatch.topic.alerts", "a topic name is");
        }

        @Test
        void blankBootstrapServers() {
            assertRejected(Map.of("bootstrap.servers", ""), "Missing bootstrap.servers", "--bootstrap-servers");
        }

        @Test
        void badKafkaSetting() {
            assertRejected(Map.of("processing.guarantee", "maybe"), "processing.guarantee", "maybe");
        }

        @Test
        void misspelledBurnwatchSettingOnTheCommandLine() {
            assertRejected(Map.of("burnwatch.idle.min.token", "5"),
                    "Unknown setting burnwatch.idle.min.token on the command line", "burnwatch.idle.min.tokens");
        }

        @Test
        void misspelledBurnwatchSettingInAFile() throws IOException {
            Path file = file("burnwatch.topic.usages=x\n");

            assertThatThrownBy(() -> BurnwatchConfig.load(file, Map.of(), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Unknown setting burnwatch.topic.usages in " + file)
                    .hasMessageEndingWith(": check the spelling; did you mean burnwatch.topic.usage?");
        }

        @Test
        void dedupHorizonTooShort() {
            assertRejected(Map.of("burnwatch.dedup.horizon", "10s"), "burnwatch.dedup.horizon", "at least 1m");
        }

        @Test
        void maxTokensPerCallNotANumber() {
            assertRejected(Map.of("burnwatch.validation.max.tokens.per.call", "lots"),
                    "burnwatch.validation.max.tokens.per.call", "whole number");
        }

        @Test
        void renamedAlertSettings() {
            assertRejected(Map.of("burnwatch.alert.window", "10m"),
                    "Setting burnwatch.alert.window on the command line was renamed: set burnwatch.idle.window instead");
            assertRejected(Map.of("burnwatch.alert.min.tokens", "10"),
                    "Setting burnwatch.alert.min.tokens on the command line was renamed: set burnwatch.idle.min.tokens instead");
            assertRejected(Map.of("burnwatch.alert.outcome.lookback", "1h"), "burnwatch.idle.outcome.lookback");
        }

        @Test
        void nonPositiveMinCost() {
            assertRejected(Map.of("burnwatch.idle.min.cost.usd", "0"), "burnwatch.idle.min.cost.usd", "a number from 0.01 to 1000000");
            assertRejected(Map.of("burnwatch.idle.min.cost.usd", "five"), "burnwatch.idle.min.cost.usd", "a number from 0.01 to 1000000");
        }

        @Test
        void renamedRollupGrace() {
            assertRejected(Map.of("burnwatch.rollup.grace", "1m"),
                    "Setting burnwatch.rollup.grace on the command line was renamed: set burnwatch.rollup.grace.1m instead");
            assertThatThrownBy(() -> BurnwatchConfig.load(null, Map.of("BURNWATCH_ROLLUP_GRACE", "1m"), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("BURNWATCH_ROLLUP_GRACE").hasMessageContaining("burnwatch.rollup.grace.1m");
        }

        @Test
        void deadLetterTopicSetTwoWays() {
            assertRejected(Map.of("errors.dead.letter.queue.topic.name", "other.dlq"),
                    "errors.dead.letter.queue.topic.name", "set that instead");
        }

        @Test
        void missingConfigFile() {
            Path missing = dir.resolve("nope.properties");

            assertThatThrownBy(() -> BurnwatchConfig.load(missing, Map.of(), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Config file " + missing + " does not exist: pass an existing properties file to --config");
        }

        private void assertRejected(Map<String, String> flags, String... messageParts) {
            assertThatThrownBy(() -> BurnwatchConfig.of(flags))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContainingAll(messageParts)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private Path file(String content) throws IOException {
        Path file = dir.resolve("burnwatch.properties");
        Files.writeString(file, content);
        return file;
    }
}
