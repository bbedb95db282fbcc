package io.burnwatch.streams.testing;

import io.burnwatch.schema.LongContextTier;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.PriceVersion;
import java.time.Instant;
import java.util.List;

/** Builders of price table entries for tests. */
public final class Prices {

    private Prices() {
    }

    /** USD per million tokens of input, output, cache read and cache write, from {@code from} on. */
    public static PriceVersion.Builder version(Instant from, double input, double output, double cacheRead, double cacheWrite) {
        return PriceVersion.newBuilder()
                .setEffectiveFrom(from)
                .setInputPerMtok(input)
                .setOutputPerMtok(output)
                .setCacheReadPerMtok(cacheRead)
                .setCacheWritePerMtok(cacheWrite);
    }

    public static LongContextTier longContext(long thresholdTokens, double input, double output, double cacheRead, double cacheWrite) {
        return LongContextTier.newBuilder()
                .setThresholdTokens(thresholdTokens)
                .setInputPerMtok(input)
                .setOutputPerMtok(output)
                .setCacheReadPerMtok(cacheRead)
                .setCacheWritePerMtok(cacheWrite)
                .build();
    }

    public static ModelPrices model(String model, PriceVersion.Builder... versions) {
        return ModelPrices.newBuilder()
                .setModel(model)
                .setVersions(List.of(versions).stream().map(PriceVersion.Builder::build).toList())
                .build();
    }
}
