package io.burnwatch.streams.testing;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.UsageEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * Confluent's Python client (confluent-kafka, Avro through fastavro) writing calls as a Python producer of
 * burnwatch would, with librdkafka's default partitioner. {@code -Dburnwatch.pythonpath} names where fastavro and
 * requests are installed, as for the registry's interop test.
 */
public final class PythonProducer {

    private static final String PYTHON = System.getProperty("burnwatch.python", "/usr/bin/python3");
    private static final String INSTALL_HINT = "install with: apt-get install python3-confluent-kafka;"
            + " python3 -m pip install --target .cache/pydeps fastavro requests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 90;

    private final Path workDir;

    public PythonProducer(Path workDir) {
        this.workDir = workDir;
    }

    /** Fails the test, saying how to install it, if the client cannot be imported. */
    public void requireInstalled() throws IOException, InterruptedException {
        Result result = run(List.of(PYTHON, "-c", "import confluent_kafka, fastavro, requests"));
        if (result.exitCode() != 0) {
            fail("Confluent's Python client is missing (PYTHONPATH=" + pythonPath() + "): " + INSTALL_HINT
                    + "\n" + result.errors());
        }
    }

    /** Writes {@code calls} keyed by user to {@code topic}; returns the partition each went to, in order. */
    public List<Integer> send(String bootstrapServers, String registryUrl, String topic, List<UsageEvent> calls)
            throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(PythonProducer.class.getResource("/python/produce_usage.py").toURI());
        Path schema = Files.writeString(workDir.resolve("UsageEvent.avsc"), UsageEvent.getClassSchema().toString());
        List<Map<String, Object>> records = calls.stream().map(PythonProducer::asFastavroFields).toList();
        Result result = run(List.of(PYTHON, script.toString(), "--bootstrap-servers", bootstrapServers,
                "--registry-url", registryUrl, "--topic", topic, "--schema-file", schema.toString(),
                "--records-json", JSON.writeValueAsString(records)));
        if (result.exitCode() != 0) {
            fail("The Confluent Python client failed (exit " + result.exitCode() + "):\n" + result.errors());
        }
        List<Integer> partitions = new ArrayList<>();
        for (String line : result.output().lines().filter(line -> !line.isBlank()).toList()) {
            JsonNode delivered = JSON.readTree(line);
            partitions.add(delivered.path("partition").asInt());
        }
        return partitions;
    }

    /**
     * Writes {@code calls} as JSON objects (burnwatch's JSON input) keyed by user to {@code topic}, with the plain
     * librdkafka producer: no registry.
     */
    public void sendJson(String bootstrapServers, String topic, List<UsageEvent> calls)
            throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(PythonProducer.class.getResource("/python/produce_json.py").toURI());
        Path records = Files.createTempFile(workDir, "usage", ".jsonl");
        Files.write(records, calls.stream().map(call -> {
            try {
                return JSON.writeValueAsString(asFastavroFields(call));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList(), StandardCharsets.UTF_8);
        Result result = run(List.of(PYTHON, script.toString(), "--bootstrap-servers", bootstrapServers,
                "--topic", topic, "--records", records.toString()));
        if (result.exitCode() != 0) {
            fail("The Confluent Python client failed (exit " + result.exitCode() + "):\n" + result.errors());
        }
    }

    /**
     * The call as fastavro and burnwatch's JSON input take it: the Avro field names, timestamps as epoch millis,
     * enums as their symbols.
     */
    private static Map<String, Object> asFastavroFields(UsageEvent call) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : call.getSchema().getFields()) {
            Object value = call.get(field.pos());
            if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> symbol) {
                value = symbol.name();
            } else if (value instanceof CharSequence text) {
                value = text.toString();
            }
            fields.put(field.name(), value);
        }
        return fields;
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "python", ".out");
        Path err = Files.createTempFile(workDir, "python", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PYTHONPATH", pythonPath().toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("The Confluent Python client did not finish within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path pythonPath() {
        String configured = System.getProperty("burnwatch.pythonpath");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).resolve("../.cache/pydeps").normalize();
    }
}
