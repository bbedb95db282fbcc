package io.burnwatch.streams.cost;

import static io.burnwatch.streams.testing.Prices.model;
import static io.burnwatch.streams.testing.Prices.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.PriceVersion;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Price lookup")
class PriceBookTest {

    private static final Instant JANUARY = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant CUT = Instant.parse("2025-06-10T12:00:00Z");

    // Versions deliberately out of order: the lookup goes by effective_from, not by position.
    private static final ModelPrices O3 = model("o3",
            version(CUT, 2.0, 8.0, 0.5, 2.0),
            version(JANUARY, 10.0, 40.0, 2.5, 10.0));

    private final PriceBook book = new PriceBook(Map.of("o3", O3)::get);

    @Test
    @DisplayName("a price applies from its effective_from on, never before it")
    void effectiveFromBoundary() {
        assertThat(book.priceOf("o3", CUT.minusMillis(1))).map(PriceVersion::getInputPerMtok).contains(10.0);
        assertThat(book.priceOf("o3", CUT)).map(PriceVersion::getInputPerMtok).contains(2.0);
        assertThat(book.priceOf("o3", CUT.plusSeconds(86_400))).map(PriceVersion::getInputPerMtok).contains(2.0);
    }

    @Test
    @DisplayName("a call before the first version has no price")
    void beforeEveryVersion() {
        assertThat(book.priceOf("o3", JANUARY.minusMillis(1))).isEmpty();
        assertThat(book.priceOf("o3", JANUARY)).map(PriceVersion::getInputPerMtok).contains(10.0);
    }

    @Test
    @DisplayName("a model is found under any spelling of its name, and an unknown model has no price")
    void lookupByCanonicalName() {
        assertThat(book.priceOf("OpenAI/o3-2025-04-16", CUT)).map(PriceVersion::getOutputPerMtok).contains(8.0);
        assertThat(book.priceOf("o3-pro", CUT)).isEmpty();
    }
}
