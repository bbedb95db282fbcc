package io.burnwatch.local.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility levels. BACKWARD: consumers on the new schema read data written with the old one.
 * FORWARD: consumers on the old schema read data written with the new one. FULL: both. The TRANSITIVE levels
 * check every earlier version instead of only the latest.
 */
enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    static Compatibility parse(String level) throws RegistryException {
        try {
            return valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RegistryException.invalidCompatibility(level);
        }
    }

    /**
     * Why {@code candidate} may not follow {@code earlier} (oldest first) under this level; empty when it may.
     */
    List<String> problems(Schema candidate, List<Schema> earlier) {
        List<String> problems = new ArrayList<>();
        if (this == NONE || earlier.isEmpty()) {
            return problems;
        }
        List<Schema> checked = name().endsWith("_TRANSITIVE") ? earlier
                : earlier.subList(earlier.size() - 1, earlier.size());
        boolean backward = this != FORWARD && this != FORWARD_TRANSITIVE;
        boolean forward = this != BACKWARD && this != BACKWARD_TRANSITIVE;
        for (Schema existing : checked) {
            if (backward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), "reading data written"
                        + " with an earlier version", problems);
            }
            if (forward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), "an earlier version"
                        + " reading data written with this one", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibilityType.INCOMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(direction + ": "
                    + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                    + incompatibility.getMessage() + ")"));
        }
    }
}
