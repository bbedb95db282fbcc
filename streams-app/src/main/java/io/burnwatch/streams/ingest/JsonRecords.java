package io.burnwatch.streams.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one JSON object into a generated Avro class, driven by the class's schema: the JSON field names are the
 * Avro field names, timestamps are epoch milliseconds or ISO-8601 strings, enums are given by symbol, and absent or
 * null fields take the schema's default (null for the optional ones). Fields the schema does not know are ignored.
 * A timestamp must fit in epoch milliseconds, as Avro's {@code timestamp-millis} does.
 */
final class JsonRecords<V extends SpecificRecord> {

    /** One object, each field once: anything after it, or a field given twice, is refused rather than half-read. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Schema schema;

    JsonRecords(Class<V> type) {
        this.schema = SpecificData.get().getSchema(type);
    }

    /** @throws InvalidRecordException with {@link DeadLetterReason#INVALID_JSON}, or the reason for a missing field */
    @SuppressWarnings("unchecked")
    V read(byte[] bytes) {
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's messages quote the input; the dead letter's message must not.
            JsonLocation at = e.getLocation();
            throw invalid("not one JSON object (" + e.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        } catch (IOException e) {
            throw invalid("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (json == null || !json.isObject()) {
            throw invalid("expected one JSON object");
        }
        V record = (V) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            record.put(field.pos(), value == null || value.isNull() ? absent(field) : convert(field.name(), field.schema(), value));
        }
        return record;
    }

    private static Object absent(Schema.Field field) {
        if (field.hasDefaultValue()) {
            return SpecificData.get().getDefaultValue(field);
        }
        throw new InvalidRecordException(DeadLetterReason.missing(field.name()), field.name() + " is missing");
    }

    private static Object convert(String name, Schema schema, JsonNode value) {
        switch (schema.getType()) {
            case UNION:
                return convert(name, nonNull(schema), value);
            case STRING:
                require(value.isTextual(), name, "a string");
                return value.textValue();
            case ENUM:
                require(value.isTextual() && schema.hasEnumSymbol(value.textValue()), name, "one of " + schema.getEnumSymbols());
                return SpecificData.get().createEnum(value.textValue(), schema);
            case LONG:
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return timestamp(name, value);
                }
                require(value.isIntegralNumber() && value.canConvertToLong(), name, "a whole number");
                return value.longValue();
            case INT:
                require(value.isIntegralNumber() && value.canConvertToInt(), name, "a whole number");
                return value.intValue();
            case DOUBLE:
                require(value.isNumber(), name, "a number");
                return value.doubleValue();
            case FLOAT:
                require(value.isNumber(), name, "a number");
                return value.floatValue();
            case BOOLEAN:
                require(value.isBoolean(), name, "true or false");
                return value.booleanValue();
            default:
                throw invalid(name + " has Avro type " + schema.getType() + ", which JSON input does not support");
        }
    }

    private static Instant timestamp(String name, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        require(value.isTextual(), name, "epoch milliseconds or an ISO-8601 timestamp");
        Instant instant;
        try {
            instant = Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw invalid(name + ": expected epoch milliseconds or an ISO-8601 timestamp such as 2026-03-02T10:00:00Z");
        }
        try {
            instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw invalid(name + ": out of the range of epoch milliseconds");
        }
        return instant;
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> invalid("a union without a non-null branch"));
    }

    private static void require(boolean ok, String name, String expected) {
        if (!ok) {
            throw invalid(name + ": expected " + expected);
        }
    }

    private static InvalidRecordException invalid(String detail) {
        return new InvalidRecordException(DeadLetterReason.INVALID_JSON, detail);
    }
}
