package io.burnwatch.streams.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.burnwatch.schema.LongContextTier;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.PriceVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The list prices burnwatch ships with ({@code default-prices.json} next to this class): current Anthropic, OpenAI
 * and Google models, each with its vendor's pricing page as source.
 */
public final class DefaultPriceTable {

    static final String RESOURCE = "default-prices.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private DefaultPriceTable() {
    }

    /** One {@link ModelPrices} per listed model, keyed by its canonical id, with a single version. */
    public static List<ModelPrices> load() {
        Table table;
        try (InputStream in = DefaultPriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            table = JSON.readValue(in, Table.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return table.models().stream().map(row -> row.toPrices(table)).toList();
    }

    record Table(String description, String asOf, String effectiveFrom, Map<String, Vendor> vendors, List<Row> models) {
    }

    record Vendor(String source, String note) {
    }

    record Rates(long thresholdTokens, double input, double output, double cacheRead, double cacheWrite) {
    }

    record Row(String model, String vendor, double input, double output, double cacheRead, double cacheWrite,
               Rates longContext) {

        ModelPrices toPrices(Table table) {
            Vendor from = table.vendors().get(vendor);
            if (from == null) {
                throw new IllegalStateException(RESOURCE + ": model " + model + " names vendor " + vendor
                        + ", which is not among the vendors " + table.vendors().keySet());
            }
            PriceVersion version = PriceVersion.newBuilder()
                    .setEffectiveFrom(Instant.parse(table.effectiveFrom()))
                    .setInputPerMtok(input)
                    .setOutputPerMtok(output)
                    .setCacheReadPerMtok(cacheRead)
                    .setCacheWritePerMtok(cacheWrite)
                    .setLongContext(longContext == null ? null : LongContextTier.newBuilder()
                            .setThresholdTokens(longContext.thresholdTokens())
                            .setInputPerMtok(longContext.input())
                            .setOutputPerMtok(longContext.output())
                            .setCacheReadPerMtok(longContext.cacheRead())
                            .setCacheWritePerMtok(longContext.cacheWrite())
                            .build())
                    .build();
            return ModelPrices.newBuilder()
                    .setModel(ModelNames.canonical(model))
                    .setVersions(List.of(version))
                    .setSource(from.source() + " (list prices as of " + table.asOf() + ")")
                    .build();
        }
    }
}
