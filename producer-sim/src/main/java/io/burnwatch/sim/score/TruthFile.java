package io.burnwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ground truth from a JSON-lines file: one object per session with the fields of {@link SessionTruth}.
 * Timestamps may be epoch milliseconds or ISO-8601 instants; a union value may also be in Avro's JSON encoding
 * (<code>{"long": 123}</code>).
 */
public final class TruthFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TruthFile() {
    }

    public static List<SessionTruth> read(Path file) {
        List<SessionTruth> truths = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    truths.add(parse(line, file + ":" + number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ground truth " + file + ": " + e.getMessage(), e);
        }
        return truths;
    }

    static SessionTruth parse(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            return SessionTruth.newBuilder()
                    .setSessionId(text(node, "session_id", where))
                    .setUserId(text(node, "user_id", where))
                    .setTeamId(optionalText(node, "team_id"))
                    .setParentSessionId(optionalText(node, "parent_session_id"))
                    .setPersona(text(node, "persona", where))
                    .setLabel(TruthLabel.valueOf(text(node, "label", where)))
                    .setStartedAt(instant(value(node, "started_at"), "started_at", where))
                    .setDetectableFrom(value(node, "detectable_from") == null ? null
                            : instant(value(node, "detectable_from"), "detectable_from", where))
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a session's ground truth: " + e.getMessage(), e);
        }
    }

    private static JsonNode value(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject() && value.size() == 1) {
            return value.elements().next();
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = value(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = value(node, field);
        return value == null ? null : value.asText();
    }

    private static Instant instant(JsonNode value, String field, String where) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : Instant.parse(value.asText());
    }
}
