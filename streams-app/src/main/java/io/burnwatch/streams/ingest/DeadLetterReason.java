package io.burnwatch.streams.ingest;

import io.burnwatch.registry.SchemaRegistryException;
import java.util.Arrays;
import org.apache.avro.SystemLimitException;

/**
 * Why a record went to the dead letter queue: the value of its {@code burnwatch.dlq.reason} header and the
 * {@code reason} tag of the dead-letter metric. The names are stable; consumers may match on them.
 */
public enum DeadLetterReason {
    /** Not Confluent wire format, or Avro that does not decode with the writer's schema. */
    UNDECODABLE,
    /**
     * Avro whose length prefix claims more than the decoder allows ({@code org.apache.avro.limits.string.maxLength},
     * {@code .bytes.maxLength}, {@code .collectionItems.maxLength}; 1 MiB, 1 MiB and 100,000 by default).
     */
    OVERSIZED_AVRO,
    /** Wire format whose schema id the registry does not know. */
    UNKNOWN_SCHEMA_ID,
    /** A JSON input record that is not one JSON object of the contract's fields and types. */
    INVALID_JSON,
    /**
     * A record on the OpenTelemetry logs topic that is not an OTLP logs batch ({@code ExportLogsServiceRequest} as
     * {@code otlp_proto} or {@code otlp_json}), or a log record of a known agent event whose attribute does not
     * have the type the mapping needs (a token count that is not a number).
     */
    INVALID_OTLP,
    /**
     * A webhook delivery that cannot be read: no vendor or event header, a body that is not a JSON object, or a
     * push or pull request without the fields burnwatch maps (see {@code io.burnwatch.streams.connect.webhook}).
     */
    INVALID_WEBHOOK,
    /** A record with no value (a tombstone) on an input topic. */
    MISSING_VALUE,
    /** An Avro input record with no key: usage and outcomes are keyed by {@code user_id}. */
    MISSING_KEY,
    MISSING_EVENT_ID("event_id"),
    MISSING_USER_ID("user_id"),
    MISSING_SESSION_ID("session_id"),
    EMPTY_MODEL("model"),
    NEGATIVE_TOKENS,
    /** More tokens in one call than {@code burnwatch.validation.max.tokens.per.call}. */
    ABSURD_TOKENS,
    NEGATIVE_LINES,
    /** {@code ts} later than the wall clock plus {@code burnwatch.validation.max.future}. */
    FUTURE_TIMESTAMP,
    /** {@code ts} earlier than stream time minus {@code burnwatch.dedup.horizon}: it could no longer be deduplicated. */
    TOO_OLD,
    /** A text field longer than {@code burnwatch.validation.max.field.bytes} (UTF-8). */
    FIELD_TOO_LONG,
    /** A negative {@code cost_usd}. */
    NEGATIVE_COST,
    /** A {@code cost_usd} that is NaN or infinite (such as JSON's {@code 1e400}). */
    NON_FINITE_COST,
    /** More {@code cost_usd} in one call than {@code burnwatch.validation.max.cost.usd.per.call}. */
    ABSURD_COST,
    /**
     * Processing the record failed other than by a contract rule: a bug burnwatch logs with its stack trace. The
     * record is set aside so that it cannot stop the pipeline.
     */
    PROCESSING_FAILED,
    /**
     * The Avro record burnwatch would make of this JSON input could be larger than the producer's
     * {@code max.request.size}, or was refused as too large; the dead letter holds the input, cut if need be to
     * fit (header {@code burnwatch.dlq.truncated}).
     */
    TOO_LARGE_TO_FORWARD;

    private final String field;

    DeadLetterReason() {
        this(null);
    }

    DeadLetterReason(String field) {
        this.field = field;
    }

    /** The reason for a required {@code field} that is absent: the specific one where there is one. */
    public static DeadLetterReason missing(String field) {
        return Arrays.stream(values()).filter(reason -> field.equals(reason.field)).findFirst().orElse(INVALID_JSON);
    }

    /**
     * A deserializer's failure: an id the registry answered "not found" for, a length past Avro's limits, or else
     * bytes that do not decode.
     */
    public static DeadLetterReason ofUnreadable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && registry.status() == 404) {
                return UNKNOWN_SCHEMA_ID;
            }
            if (cause instanceof SystemLimitException) {
                return OVERSIZED_AVRO;
            }
        }
        return UNDECODABLE;
    }

    /**
     * Whether reading failed because the registry could not be asked (no answer, or a server error): the record
     * is not at fault and must not be dead-lettered.
     */
    public static boolean registryUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry.status() < 0 || registry.status() >= 500;
            }
        }
        return false;
    }
}
