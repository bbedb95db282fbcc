package io.burnwatch.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroSerializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The scorer reading ground truth and alerts from a real broker and schema registry. */
class ScorerIT {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startKafkaWithTruthAndAlerts() throws Exception {
        broker = KafkaBroker.start(dataDir.resolve("kafka"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        try (Admin admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("score.truth", 2, (short) 1), new NewTopic("score.alerts", 2, (short) 1)))
                    .all().get();
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            send(producer, "score.truth", "loop-1", Sessions.shouldAlert("loop-1", "idle_looper", 1_000));
            send(producer, "score.truth", "loop-2", Sessions.shouldAlert("loop-2", "idle_looper", 1_000));
            send(producer, "score.truth", "heavy-1", Sessions.mustNotAlert("heavy-1", "heavy_user"));
            send(producer, "score.alerts", "a1", Sessions.open("loop-1", 46_000));
            send(producer, "score.alerts", "a1", Sessions.update("loop-1", 46_000, 90_000));
            send(producer, "score.alerts", "a2", Sessions.open("heavy-1", 5_000));
            producer.flush();
        }
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
    @DisplayName("--json prints each persona's sessions, alerted sessions, precision, recall and delays")
    void printsJson() throws Exception {
        StringWriter out = new StringWriter();
        int exit = score(out, "--json");

        assertThat(exit).isZero();
        JsonNode personas = new ObjectMapper().readTree(out.toString()).get("personas");
        JsonNode heavy = personas.get(0);
        JsonNode loopers = personas.get(1);
        assertThat(heavy.get("persona").asText()).isEqualTo("heavy_user");
        assertThat(heavy.get("alerted_sessions").asInt()).isEqualTo(1);
        assertThat(heavy.get("precision").asDouble()).isZero();
        assertThat(loopers.get("sessions").asInt()).isEqualTo(2);
        assertThat(loopers.get("alerted_sessions").asInt()).isEqualTo(1);
        assertThat(loopers.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(loopers.get("delay_p50_ms").asLong()).isEqualTo(45_000);
    }

    @Test
    @DisplayName("without --json it prints a table, one line per persona and one for all")
    void printsTable() {
        StringWriter out = new StringWriter();
        int exit = score(out);

        assertThat(exit).isZero();
        assertThat(out.toString().lines().map(line -> List.of(line.split("\\s+")))).contains(
                List.of("idle_looper", "2", "1", "0", "0", "0", "1.000", "0.500", "|", "45s", "45s", "45s", "|",
                        "46s", "46s", "46s"),
                List.of("heavy_user", "1", "1", "0", "0", "0", "0.000", "n/a", "|", "n/a", "n/a", "n/a", "|", "n/a",
                        "n/a", "n/a"),
                List.of("all", "3", "2", "0", "0", "0", "0.500", "0.500", "|", "45s", "45s", "45s", "|", "46s", "46s",
                        "46s"));
    }

    private static int score(StringWriter out, String... extra) {
        CommandLine commandLine = ScorerApp.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        String[] args = {"--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
                "--truth-topic", "score.truth", "--alerts-topic", "score.alerts"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return commandLine.execute(all);
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key,
                             SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
}
