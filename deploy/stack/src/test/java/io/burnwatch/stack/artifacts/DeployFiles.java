package io.burnwatch.stack.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files under {@code deploy/} (the tests run in {@code deploy/stack}), read as YAML or JSON trees. */
final class DeployFiles {

    static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new JsonMapper();

    private DeployFiles() {
    }

    static Path file(String relative) {
        Path file = DEPLOY.resolve(relative);
        assertThat(file).as("deploy file").isRegularFile();
        return file;
    }

    /** Every document of a YAML file ({@code ---}-separated), empty ones left out. */
    static List<JsonNode> yamlDocuments(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            values.forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file, e);
        }
        return documents;
    }

    static JsonNode yaml(String relative) {
        List<JsonNode> documents = yamlDocuments(file(relative));
        assertThat(documents).as("documents of %s", relative).hasSize(1);
        return documents.get(0);
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + relative, e);
        }
    }

    static void writeYaml(Path file, Object tree) {
        try {
            YAML.writeValue(file.toFile(), tree);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static List<Path> list(String directory, String suffix) {
        try (var files = Files.list(DEPLOY.resolve(directory))) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
