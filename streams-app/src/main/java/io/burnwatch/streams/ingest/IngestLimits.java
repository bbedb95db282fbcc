package io.burnwatch.streams.ingest;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * The bounds every input event is held to.
 *
 * @param maxTokensPerCall the most tokens, all four kinds together, one call may report
 * @param maxFuture        how far past the wall clock an event's {@code ts} may lie (clock skew)
 * @param dedupHorizon     how long an event id is remembered; an event older than this behind stream time
 *                         could no longer be recognised as a repeat, so it is refused
 */
public record IngestLimits(long maxTokensPerCall, Duration maxFuture, Duration dedupHorizon) {

    public static IngestLimits from(BurnwatchConfig config) {
        return new IngestLimits(config.maxTokensPerCall(), config.maxFuture(), config.dedupHorizon());
    }

    /**
     * @param wallClockMs  the processing wall clock
     * @param streamTimeMs the largest event time seen on the record's partition
     */
    void checkTime(Instant ts, long wallClockMs, long streamTimeMs) {
        long millis = ts.toEpochMilli();
        if (millis > wallClockMs + maxFuture.toMillis()) {
            throw new InvalidRecordException(DeadLetterReason.FUTURE_TIMESTAMP, "ts " + ts + " is more than "
                    + Durations.format(maxFuture) + " after the wall clock " + Instant.ofEpochMilli(wallClockMs));
        }
        // At exactly one horizon behind, the id store has already let the id go: a repeat there would pass.
        if (millis <= streamTimeMs - dedupHorizon.toMillis()) {
            throw new InvalidRecordException(DeadLetterReason.TOO_OLD, "ts " + ts + " is "
                    + Durations.format(dedupHorizon) + " or more before stream time " + Instant.ofEpochMilli(streamTimeMs));
        }
    }
}
