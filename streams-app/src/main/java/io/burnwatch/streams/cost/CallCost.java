package io.burnwatch.streams.cost;

import io.burnwatch.schema.LongContextTier;
import io.burnwatch.schema.PriceVersion;
import io.burnwatch.schema.UsageEvent;

/**
 * The cost of one call at list price: each token type times its own price. Cache reads and cache writes are
 * priced at the cache prices, never as input. A call whose prompt exceeds the long-context threshold is priced
 * wholly (output included) at the long-context prices, as the vendors bill it.
 */
public final class CallCost {

    private static final double PER_MILLION = 1_000_000d;

    private CallCost() {
    }

    public static double usd(UsageEvent call, PriceVersion price) {
        LongContextTier tier = price.getLongContext();
        if (tier != null && promptTokens(call) > tier.getThresholdTokens()) {
            return usd(call, tier.getInputPerMtok(), tier.getOutputPerMtok(),
                    tier.getCacheReadPerMtok(), tier.getCacheWritePerMtok());
        }
        return usd(call, price.getInputPerMtok(), price.getOutputPerMtok(),
                price.getCacheReadPerMtok(), price.getCacheWritePerMtok());
    }

    /** The prompt's size as vendors measure it for long-context pricing: uncached input plus cache reads and writes. */
    public static long promptTokens(UsageEvent call) {
        return call.getInputTokens() + call.getCacheReadTokens() + call.getCacheWriteTokens();
    }

    private static double usd(UsageEvent call, double input, double output, double cacheRead, double cacheWrite) {
        return (call.getInputTokens() * input
                + call.getOutputTokens() * output
                + call.getCacheReadTokens() * cacheRead
                + call.getCacheWriteTokens() * cacheWrite) / PER_MILLION;
    }
}
