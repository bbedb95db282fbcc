package io.burnwatch.streams.idle;

import io.burnwatch.streams.state.MinuteBurn;
import java.util.List;

/**
 * A session's agent calls within the trailing window: from {@code startMs}, the start of the window's first minute
 * with a call (the window's own start for a session burning all along), to {@code endMs}, the moment it is taken
 * at. {@code costUsd} sums the calls whose cost is known and is null when none is.
 */
public record WindowBurn(long startMs, long endMs, long calls, long inputTokens, long outputTokens, long cacheReadTokens,
                  long cacheWriteTokens, Double costUsd) {

    static final long MINUTE_MS = 60_000;

    /** The minutes of {@code minutes} within the {@code size} minutes up to and including the minute of {@code nowMs}. */
    public static WindowBurn of(List<MinuteBurn> minutes, long nowMs, int size) {
        long last = Math.floorDiv(nowMs, MINUTE_MS);
        long first = last - size + 1;
        long calls = 0;
        long input = 0;
        long output = 0;
        long cacheRead = 0;
        long cacheWrite = 0;
        double cost = 0;
        int costed = 0;
        long earliest = last + 1;
        for (MinuteBurn minute : minutes) {
            if (minute.getMinute() < first || minute.getMinute() > last) {
                continue;
            }
            earliest = Math.min(earliest, minute.getMinute());
            calls += minute.getCalls();
            input += minute.getInputTokens();
            output += minute.getOutputTokens();
            cacheRead += minute.getCacheReadTokens();
            cacheWrite += minute.getCacheWriteTokens();
            cost += minute.getCostUsd();
            costed += minute.getCostedCalls();
        }
        return new WindowBurn(Math.min(earliest * MINUTE_MS, nowMs), nowMs, calls, input, output, cacheRead, cacheWrite,
                costed == 0 ? null : cost);
    }

    /** How long the burn took, at least a minute: a rate over less would be noise. */
    long spanMs() {
        return Math.max(MINUTE_MS, endMs - startMs);
    }

    public long tokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
