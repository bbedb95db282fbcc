package io.burnwatch.sim.bad;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.WireFormat;
import io.burnwatch.sim.persona.SimEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The kinds of malformed record the streams app dead-letters, named as its {@code burnwatch.dlq.reason} header
 * names them. Each is made from a real event, so it lands among that user's traffic.
 */
public enum BadKind {
    /** Not Confluent wire format at all. */
    UNDECODABLE(Target.ANY),
    /** Wire format with a schema id no registry has handed out. */
    UNKNOWN_SCHEMA_ID(Target.ANY),
    /** A tombstone on an input topic. */
    MISSING_VALUE(Target.ANY),
    MISSING_EVENT_ID(Target.ANY),
    MISSING_USER_ID(Target.ANY),
    MISSING_SESSION_ID(Target.USAGE),
    EMPTY_MODEL(Target.USAGE),
    NEGATIVE_TOKENS(Target.USAGE),
    /** More tokens in one call than the streams app's default limit of 10M. */
    ABSURD_TOKENS(Target.USAGE),
    NEGATIVE_LINES(Target.OUTCOME),
    /** A day after the wall clock, beyond the default hour the streams app allows. */
    FUTURE_TIMESTAMP(Target.ANY),
    /** A week before the event: older than the default 24 h deduplication horizon behind stream time. */
    TOO_OLD(Target.ANY);

    static final int UNKNOWN_SCHEMA_ID_VALUE = Integer.MAX_VALUE;
    private static final long ABSURD = 50_000_000L;
    private static final Duration FUTURE = Duration.ofDays(1);
    private static final Duration OLD = Duration.ofDays(7);

    private enum Target { ANY, USAGE, OUTCOME }

    private final Target target;

    BadKind(Target target) {
        this.target = target;
    }

    public boolean appliesTo(SimEvent event) {
        return target == Target.ANY || (target == Target.USAGE) == (event instanceof SimEvent.Usage);
    }

    /**
     * The malformed value made from {@code event}: null for a tombstone, else bytes. {@code avro} writes a record
     * in the topic's wire format; {@code wallNow} is the wall clock, which future timestamps are measured from.
     */
    byte[] value(SimEvent event, Function<SpecificRecord, byte[]> avro, Instant wallNow) {
        return switch (this) {
            case UNDECODABLE -> "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
            case UNKNOWN_SCHEMA_ID -> {
                byte[] bytes = avro.apply(event.record());
                ByteBuffer.wrap(bytes).put(WireFormat.MAGIC_BYTE).putInt(UNKNOWN_SCHEMA_ID_VALUE);
                yield bytes;
            }
            case MISSING_VALUE -> null;
            default -> avro.apply(mutated(event, wallNow));
        };
    }

    private SpecificRecord mutated(SimEvent event, Instant wallNow) {
        String badId = event.eventId() + "-bad-" + name().toLowerCase(java.util.Locale.ROOT);
        if (event instanceof SimEvent.Usage usage) {
            UsageEvent.Builder call = UsageEvent.newBuilder(usage.event()).setEventId(badId);
            switch (this) {
                case MISSING_EVENT_ID -> call.setEventId("");
                case MISSING_USER_ID -> call.setUserId("");
                case MISSING_SESSION_ID -> call.setSessionId("");
                case EMPTY_MODEL -> call.setModel("");
                case NEGATIVE_TOKENS -> call.setOutputTokens(-1L);
                case ABSURD_TOKENS -> call.setInputTokens(ABSURD);
                case FUTURE_TIMESTAMP -> call.setTs(wallNow.plus(FUTURE));
                case TOO_OLD -> call.setTs(event.ts().minus(OLD));
                default -> throw new IllegalStateException(this + " does not apply to usage");
            }
            return call.build();
        }
        OutcomeEvent.Builder outcome = OutcomeEvent.newBuilder(((SimEvent.Outcome) event).event()).setEventId(badId);
        switch (this) {
            case MISSING_EVENT_ID -> outcome.setEventId("");
            case MISSING_USER_ID -> outcome.setUserId("");
            case NEGATIVE_LINES -> outcome.setLinesAdded(-1L);
            case FUTURE_TIMESTAMP -> outcome.setTs(wallNow.plus(FUTURE));
            case TOO_OLD -> outcome.setTs(event.ts().minus(OLD));
            default -> throw new IllegalStateException(this + " does not apply to outcomes");
        }
        return outcome.build();
    }
}
