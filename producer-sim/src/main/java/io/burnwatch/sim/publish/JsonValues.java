package io.burnwatch.sim.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A flat Avro record as one JSON object, the way the streams app's JSON topics take it: the Avro field names,
 * timestamps as epoch milliseconds, enums by symbol, absent optional values as null.
 */
public final class JsonValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonValues() {
    }

    public static byte[] bytes(SpecificRecord record) {
        try {
            return JSON.writeValueAsBytes(fields(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + record.getSchema().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The record's fields by name, with timestamps as epoch milliseconds and strings and enums as text. */
    public static Map<String, Object> fields(SpecificRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            fields.put(field.name(), value instanceof Instant instant ? (Object) instant.toEpochMilli()
                    : value instanceof CharSequence || value instanceof Enum<?> ? value.toString() : value);
        }
        return fields;
    }
}
