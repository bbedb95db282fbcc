package io.burnwatch.streams.ingest;

import static io.burnwatch.streams.ingest.Contract.requireNotNegative;
import static io.burnwatch.streams.ingest.Contract.requireText;

import io.burnwatch.schema.OutcomeEvent;
import java.time.Instant;

/** An outcome: identified, attributed to a user, with line counts that are not negative. */
public final class OutcomeContract implements Contract<OutcomeEvent> {

    private final IngestLimits limits;
    private final ValueLimits values;

    public OutcomeContract(IngestLimits limits, ValueLimits values) {
        this.limits = limits;
        this.values = values;
    }

    @Override
    public String name() {
        return "outcome";
    }

    @Override
    public Class<OutcomeEvent> type() {
        return OutcomeEvent.class;
    }

    @Override
    public String eventId(OutcomeEvent event) {
        return event.getEventId();
    }

    @Override
    public String userId(OutcomeEvent event) {
        return event.getUserId();
    }

    @Override
    public Instant ts(OutcomeEvent event) {
        return event.getTs();
    }

    @Override
    public void check(OutcomeEvent outcome, long wallClockMs, long streamTimeMs) {
        requireText(outcome.getEventId(), DeadLetterReason.MISSING_EVENT_ID, "event_id");
        requireText(outcome.getUserId(), DeadLetterReason.MISSING_USER_ID, "user_id");
        values.checkText(outcome);
        requireNotNegative(outcome.getLinesAdded(), DeadLetterReason.NEGATIVE_LINES, "lines_added");
        requireNotNegative(outcome.getLinesRemoved(), DeadLetterReason.NEGATIVE_LINES, "lines_removed");
        limits.checkTime(outcome.getTs(), wallClockMs, streamTimeMs);
    }
}
