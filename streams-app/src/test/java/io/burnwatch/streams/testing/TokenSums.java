package io.burnwatch.streams.testing;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import java.util.Collection;

/** The four disjoint token counts, summed over calls or rollups: what the ledger invariant compares. */
public record TokenSums(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenSums ZERO = new TokenSums(0, 0, 0, 0);

    public static TokenSums of(UsageEvent call) {
        return new TokenSums(call.getInputTokens(), call.getOutputTokens(), call.getCacheReadTokens(),
                call.getCacheWriteTokens());
    }

    public static TokenSums of(UsageRollup rollup) {
        return new TokenSums(rollup.getInputTokens(), rollup.getOutputTokens(), rollup.getCacheReadTokens(),
                rollup.getCacheWriteTokens());
    }

    /** The tokens of the calls and late partials (rollups) among {@code events}; outcomes carry none. */
    public static TokenSums ofCalls(Collection<?> events) {
        return events.stream().map(e -> e instanceof UsageEvent call ? of(call)
                        : e instanceof UsageRollup rollup ? of(rollup) : ZERO)
                .reduce(ZERO, TokenSums::plus);
    }

    public static TokenSums ofRollups(Collection<UsageRollup> rollups) {
        return rollups.stream().map(TokenSums::of).reduce(ZERO, TokenSums::plus);
    }

    public TokenSums plus(TokenSums other) {
        return new TokenSums(input + other.input, output + other.output, cacheRead + other.cacheRead,
                cacheWrite + other.cacheWrite);
    }
}
