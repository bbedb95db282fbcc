package io.burnwatch.streams.cost;

import io.burnwatch.schema.LongContextTier;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.PriceVersion;
import java.util.Optional;

/**
 * Whether a model's prices are money: every price finite, not negative and at most {@link #MAX_USD_PER_MTOK}
 * dollars per million tokens. One NaN or negative price would otherwise spread into every cost and budget of the
 * model's calls.
 */
final class PriceCheck {

    static final double MAX_USD_PER_MTOK = 1_000_000;

    private PriceCheck() {
    }

    /** What is wrong with {@code prices}, naming the version and price; empty if nothing is. */
    static Optional<String> problem(ModelPrices prices) {
        for (PriceVersion version : prices.getVersions()) {
            String at = "version from " + version.getEffectiveFrom();
            Optional<String> problem = first(at, version.getInputPerMtok(), version.getOutputPerMtok(),
                    version.getCacheReadPerMtok(), version.getCacheWritePerMtok());
            LongContextTier tier = version.getLongContext();
            if (problem.isEmpty() && tier != null) {
                problem = first(at + ", long context", tier.getInputPerMtok(), tier.getOutputPerMtok(),
                        tier.getCacheReadPerMtok(), tier.getCacheWritePerMtok());
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(String at, double... perMtok) {
        for (double price : perMtok) {
            if (!(price >= 0 && price <= MAX_USD_PER_MTOK)) {
                return Optional.of(at + ": a price of " + price + " USD per million tokens is not from 0 to "
                        + (long) MAX_USD_PER_MTOK);
            }
        }
        return Optional.empty();
    }
}
