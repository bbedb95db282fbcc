package io.burnwatch.streams.ingest;

import static io.burnwatch.streams.ingest.Contract.requireNotNegative;
import static io.burnwatch.streams.ingest.Contract.requireText;

import io.burnwatch.schema.UsageEvent;
import java.time.Instant;

/** A model call: identified, attributed to a user, session and model, with plausible token counts. */
public final class UsageContract implements Contract<UsageEvent> {

    private final IngestLimits limits;
    private final ValueLimits values;

    public UsageContract(IngestLimits limits, ValueLimits values) {
        this.limits = limits;
        this.values = values;
    }

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public Class<UsageEvent> type() {
        return UsageEvent.class;
    }

    @Override
    public String eventId(UsageEvent event) {
        return event.getEventId();
    }

    @Override
    public String userId(UsageEvent event) {
        return event.getUserId();
    }

    @Override
    public Instant ts(UsageEvent event) {
        return event.getTs();
    }

    @Override
    public void check(UsageEvent call, long wallClockMs, long streamTimeMs) {
        requireText(call.getEventId(), DeadLetterReason.MISSING_EVENT_ID, "event_id");
        requireText(call.getUserId(), DeadLetterReason.MISSING_USER_ID, "user_id");
        requireText(call.getSessionId(), DeadLetterReason.MISSING_SESSION_ID, "session_id");
        requireText(call.getModel(), DeadLetterReason.EMPTY_MODEL, "model");
        values.checkText(call);
        requireNotNegative(call.getInputTokens(), DeadLetterReason.NEGATIVE_TOKENS, "input_tokens");
        requireNotNegative(call.getOutputTokens(), DeadLetterReason.NEGATIVE_TOKENS, "output_tokens");
        requireNotNegative(call.getCacheReadTokens(), DeadLetterReason.NEGATIVE_TOKENS, "cache_read_tokens");
        requireNotNegative(call.getCacheWriteTokens(), DeadLetterReason.NEGATIVE_TOKENS, "cache_write_tokens");
        // Each count is at most Long.MAX_VALUE: compare one by one before adding, so the sum cannot overflow.
        long max = limits.maxTokensPerCall();
        long total = 0;
        for (long tokens : new long[] {call.getInputTokens(), call.getOutputTokens(), call.getCacheReadTokens(),
                call.getCacheWriteTokens()}) {
            total = tokens > max ? Long.MAX_VALUE : total + tokens;
            if (total > max) {
                throw new InvalidRecordException(DeadLetterReason.ABSURD_TOKENS,
                        "more than " + max + " tokens in one call");
            }
        }
        values.checkCost(call.getCostUsd());
        limits.checkTime(call.getTs(), wallClockMs, streamTimeMs);
    }
}
