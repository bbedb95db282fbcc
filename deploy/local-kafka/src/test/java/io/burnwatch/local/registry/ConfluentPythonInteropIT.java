package io.burnwatch.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.TestTopics;
import io.burnwatch.registry.RestSchemaRegistryClient;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.serde.SpecificAvroSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * burnwatch's serdes and schema registry against Confluent's own Python client (confluent-kafka with fastavro):
 * records cross in both directions with every field intact, and both sides agree on schema ids.
 */
class ConfluentPythonInteropIT {

    private static final String PYTHON = System.getProperty("burnwatch.python", "/usr/bin/python3");
    private static final String INSTALL_HINT = "install with: apt-get install python3-confluent-kafka;"
            + " python3 -m pip install --target .cache/pydeps fastavro requests";
    /** Reads numbers the same way from both sides, so that a long read back from Python equals the long sent. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path workDir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        requireConfluentPythonClient();
        broker = KafkaBroker.start(dataDir, 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("Confluent's Python AvroDeserializer reads what burnwatch's SpecificAvroSerializer wrote,"
            + " field for field")
    void pythonReadsJavaRecords() throws Exception {
        TestTopics.create(broker.bootstrapServers(), "interop.java-to-python");
        UsageEvent sent = usage("evt-java-1", "user-ada");
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        SpecificAvroSerializer<UsageEvent> serializer = new SpecificAvroSerializer<>();
        serializer.configure(serdeConfig, false);
        try (KafkaProducer<String, UsageEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>("interop.java-to-python", sent.getUserId(), sent)).get();
        }

        List<String> lines = python("consume", "--topic", "interop.java-to-python", "--count", "1");

        assertThat(lines).hasSize(1);
        JsonNode received = JSON.readTree(lines.get(0));
        assertThat(received.path("key").asText()).isEqualTo("user-ada");
        assertThat(received.path("value")).isEqualTo(JSON.readTree(JSON.writeValueAsString(asJsonFields(sent))));
    }

    @Test
    @DisplayName("burnwatch's SpecificAvroDeserializer reads what Confluent's Python AvroSerializer wrote,"
            + " and both sides get the same schema id for the same schema")
    void javaReadsPythonRecords() throws Exception {
        TestTopics.create(broker.bootstrapServers(), "interop.python-to-java");
        int javaId = new RestSchemaRegistryClient(registry.url(), null)
                .register("interop.python-to-java-value", UsageEvent.getClassSchema());
        UsageEvent expected = usage("evt-python-1", "user-grace");
        Path schemaFile = workDir.resolve("UsageEvent.avsc");
        // Pretty-printed, so the registry must recognise the schema by content, not by its text.
        Files.writeString(schemaFile, UsageEvent.getClassSchema().toString(true));

        List<String> lines = python("produce", "--topic", "interop.python-to-java",
                "--schema-file", schemaFile.toString(),
                "--record-json", JSON.writeValueAsString(asJsonFields(expected)));

        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).path("schema_id").asInt()).isEqualTo(javaId);
        SpecificAvroDeserializer<UsageEvent> deserializer = new SpecificAvroDeserializer<>(UsageEvent.class);
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        List<ConsumerRecord<String, UsageEvent>> records = TestTopics.readToEnd(broker.bootstrapServers(),
                "interop.python-to-java", "read_uncommitted", new StringDeserializer(), deserializer);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("user-grace");
            assertThat(record.value()).isEqualTo(expected);
        });
    }

    private static UsageEvent usage(String eventId, String userId) {
        return UsageEvent.newBuilder()
                .setEventId(eventId)
                .setTs(Instant.ofEpochMilli(1_767_225_600_123L))
                .setUserId(userId)
                .setTeamId("team-compilers")
                .setSessionId("session-7")
                .setParentSessionId(null)
                .setClient("claude-code")
                .setInitiator(Initiator.AGENT)
                .setModel("claude-sonnet-4")
                .setInputTokens(1_234L)
                .setOutputTokens(567L)
                .setCacheReadTokens(89_000L)
                .setCacheWriteTokens(0L)
                .setCostUsd(0.0421)
                .setPromptHash(null)
                .setRepo("burnwatch")
                .build();
    }

    /** The record as fastavro sees it: timestamps as epoch millis, enums as their symbols. */
    private static Map<String, Object> asJsonFields(UsageEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> symbol) {
                value = symbol.name();
            }
            fields.put(field.name(), value);
        }
        return fields;
    }

    /** Runs the interop script against this test's broker and registry; returns its standard output's lines. */
    private static List<String> python(String... args) throws Exception {
        Path script = Path.of(ConfluentPythonInteropIT.class.getResource("/interop/confluent_avro_interop.py").toURI());
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), args[0],
                "--bootstrap-servers", broker.bootstrapServers(), "--registry-url", registry.url()));
        command.addAll(List.of(args).subList(1, args.length));
        Result result = run(command, Duration.ofSeconds(90));
        if (result.exitCode() != 0) {
            fail("The Confluent Python client failed (exit " + result.exitCode() + "):\n" + result.errors());
        }
        return result.output().lines().filter(line -> !line.isBlank()).toList();
    }

    private static void requireConfluentPythonClient() throws Exception {
        Result result;
        try {
            result = run(List.of(PYTHON, "-c", "import confluent_kafka, fastavro, requests"), Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + PYTHON + " (" + e.getMessage() + "): " + INSTALL_HINT, e);
        }
        if (result.exitCode() != 0) {
            String lastError = result.errors().strip().lines().reduce((first, second) -> second).orElse("");
            fail("Confluent's Python client is missing (" + lastError
                    + ", PYTHONPATH=" + pythonPath() + "): " + INSTALL_HINT);
        }
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "python", ".out");
        Path err = Files.createTempFile(workDir, "python", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("PYTHONPATH", pythonPath().toString());
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("The Confluent Python client did not finish within " + timeout.toSeconds() + " s:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path pythonPath() {
        String configured = System.getProperty("burnwatch.pythonpath");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).resolve("../../.cache/pydeps").normalize();
    }
}
