package io.burnwatch.streams.ingest;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** What ingest needs to know about an input event type: its identity, its event time and its rules. */
public interface Contract<V extends SpecificRecord> {

    /** Names the stream in store names, processor names and metric tags: {@code usage}, {@code outcome}. */
    String name();

    Class<V> type();

    String eventId(V event);

    String userId(V event);

    Instant ts(V event);

    /**
     * Checks {@code event} against every rule of the contract.
     *
     * @throws InvalidRecordException naming the first rule it breaks
     */
    void check(V event, long wallClockMs, long streamTimeMs);

    static void requireText(String value, DeadLetterReason reason, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException(reason, field + " is empty");
        }
    }

    static void requireNotNegative(long value, DeadLetterReason reason, String field) {
        if (value < 0) {
            throw new InvalidRecordException(reason, field + " is " + value);
        }
    }
}
