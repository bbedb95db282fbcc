package io.burnwatch.streams.cost;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.PriceVersion;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which price applies to a call: the version of the model's prices whose {@code effective_from} is the latest one
 * at or before the call's time. A price change applies from then on, never to calls before it.
 */
public final class PriceBook {

    private final Function<String, ModelPrices> byCanonicalModel;

    /** @param byCanonicalModel the prices of a canonical model id, or null when it has none */
    public PriceBook(Function<String, ModelPrices> byCanonicalModel) {
        this.byCanonicalModel = byCanonicalModel;
    }

    /** The price of {@code model} (any spelling {@link ModelNames} understands) at {@code ts}, if it has one. */
    public Optional<PriceVersion> priceOf(String model, Instant ts) {
        ModelPrices prices = byCanonicalModel.apply(ModelNames.canonical(model));
        return prices == null ? Optional.empty() : effectiveAt(prices, ts);
    }

    /** The version in effect at {@code ts}; empty if every version starts after it. Versions may be in any order. */
    public static Optional<PriceVersion> effectiveAt(ModelPrices prices, Instant ts) {
        PriceVersion effective = null;
        for (PriceVersion version : prices.getVersions()) {
            if (!version.getEffectiveFrom().isAfter(ts)
                    && (effective == null || version.getEffectiveFrom().isAfter(effective.getEffectiveFrom()))) {
                effective = version;
            }
        }
        return Optional.ofNullable(effective);
    }
}
