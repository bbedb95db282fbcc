package io.burnwatch.streams.ingest;

/**
 * An input record breaks a contract rule. Thrown by the ingest processors and turned into a dead letter by
 * {@link DeadLetterProcessingHandler}. Bad input is expected, not a bug, so it carries no stack trace.
 */
public final class InvalidRecordException extends RuntimeException {

    private final DeadLetterReason reason;

    /** {@code detail} names the field and the rule; it must not quote the record's content. */
    public InvalidRecordException(DeadLetterReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
