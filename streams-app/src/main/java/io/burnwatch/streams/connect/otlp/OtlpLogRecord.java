package io.burnwatch.streams.connect.otlp;

import io.burnwatch.streams.ingest.DeadLetterReason;
import io.burnwatch.streams.ingest.InvalidRecordException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One OTLP log record with the attributes of the resource and scope it came in. An attribute is looked up on the
 * record first, then on the resource ({@code OTEL_RESOURCE_ATTRIBUTES} such as {@code team.id} and {@code repo}).
 * Numbers are read whether the agent sent them as int, double or string (older Claude Code versions send strings).
 */
final class OtlpLogRecord {

    /** A dotted event name such as {@code claude_code.api_request}, as some agents put it in the body. */
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)+");

    private final LogRecord record;
    private final Map<String, AnyValue> own;
    private final Map<String, AnyValue> resource;
    private final String scope;

    OtlpLogRecord(LogRecord record, List<KeyValue> resourceAttributes, String scope) {
        this.record = record;
        this.own = byKey(record.getAttributesList());
        this.resource = byKey(resourceAttributes);
        this.scope = scope == null ? "" : scope;
    }

    private static Map<String, AnyValue> byKey(List<KeyValue> attributes) {
        Map<String, AnyValue> map = new HashMap<>();
        for (KeyValue attribute : attributes) {
            map.putIfAbsent(attribute.getKey(), attribute.getValue());
        }
        return map;
    }

    LogRecord record() {
        return record;
    }

    /**
     * The event's name: the log record's {@code event_name}, its {@code event.name} attribute, or a dotted name in
     * its body. Claude Code puts the bare name ({@code api_request}) in {@code event.name} and the full one in the
     * body; a bare name from its scope gets the {@code claude_code.} prefix. Empty when there is none.
     */
    String eventName() {
        String named = !record.getEventName().isBlank() ? record.getEventName() : text("event.name").orElse("");
        if (named.contains(".")) {
            return named;
        }
        String body = record.getBody().hasStringValue() ? record.getBody().getStringValue().trim() : "";
        if (DOTTED_NAME.matcher(body).matches() && (named.isEmpty() || body.endsWith("." + named))) {
            return body;
        }
        if (!named.isEmpty() && scope.contains("claude_code")) {
            return "claude_code." + named;
        }
        return named;
    }

    /** The attribute {@code key} of the record, else of its resource. */
    Optional<AnyValue> value(String key) {
        AnyValue value = own.get(key);
        if (value == null) {
            value = resource.get(key);
        }
        return Optional.ofNullable(value).filter(v -> v.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET);
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** The attribute as text, whatever its type; absent when missing or blank. */
    Optional<String> text(String key) {
        return value(key).map(OtlpLogRecord::render).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The first of {@code keys} present as text. */
    Optional<String> text(String... keys) {
        for (String key : keys) {
            Optional<String> found = text(key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A count: int, double (rounded) or numeric string; 0 when absent. */
    long count(String key) {
        return number(key).map(Math::round).orElse(0L);
    }

    /** A number: int, double or numeric string; absent when missing. */
    Optional<Double> number(String key) {
        Optional<AnyValue> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        AnyValue v = value.get();
        switch (v.getValueCase()) {
            case INT_VALUE:
                return Optional.of((double) v.getIntValue());
            case DOUBLE_VALUE:
                return Optional.of(v.getDoubleValue());
            case STRING_VALUE:
                String s = v.getStringValue().trim();
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Double.parseDouble(s));
                } catch (NumberFormatException e) {
                    throw notANumber(key);
                }
            default:
                throw notANumber(key);
        }
    }

    private static InvalidRecordException notANumber(String key) {
        return new InvalidRecordException(DeadLetterReason.INVALID_OTLP, key + " is not a number");
    }

    /**
     * When the event happened: the record's time, else its {@code event.timestamp} attribute (ISO-8601), else
     * when the SDK observed it.
     */
    Instant time() {
        if (record.getTimeUnixNano() > 0) {
            return nanos(record.getTimeUnixNano());
        }
        Optional<String> stamped = text("event.timestamp");
        if (stamped.isPresent()) {
            try {
                return OffsetDateTime.parse(stamped.get()).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the observed time
            }
        }
        if (record.getObservedTimeUnixNano() > 0) {
            return nanos(record.getObservedTimeUnixNano());
        }
        throw new InvalidRecordException(DeadLetterReason.INVALID_OTLP, "the log record has no time");
    }

    private static Instant nanos(long unixNanos) {
        return Instant.ofEpochSecond(0, unixNanos);
    }

    /** An attribute value as text: strings as they are, other values in a stable rendering. */
    static String render(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> java.util.HexFormat.of().formatHex(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpLogRecord::render)
                    .toList().toString();
            case KVLIST_VALUE -> value.getKvlistValue().getValuesList().stream()
                    .map(kv -> kv.getKey() + "=" + render(kv.getValue())).sorted().toList().toString();
            default -> "";
        };
    }
}
