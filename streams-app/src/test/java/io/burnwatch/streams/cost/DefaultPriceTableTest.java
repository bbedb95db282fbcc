package io.burnwatch.streams.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.PriceVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The default price table")
class DefaultPriceTableTest {

    private static final List<String> LISTED = List.of(
            "claude-opus-4-1", "claude-opus-4", "claude-sonnet-4-5", "claude-sonnet-4", "claude-3-7-sonnet",
            "claude-haiku-4-5", "claude-3-5-haiku",
            "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini",
            "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite");

    private final List<ModelPrices> table = DefaultPriceTable.load();
    private final Map<String, ModelPrices> byModel = table.stream()
            .collect(Collectors.toMap(ModelPrices::getModel, Function.identity()));

    @Test
    @DisplayName("covers the current Anthropic, OpenAI and Google models, once each, under canonical ids")
    void coversTheListedModels() {
        assertThat(table).extracting(ModelPrices::getModel).containsExactlyInAnyOrderElementsOf(LISTED);
        assertThat(table).allSatisfy(prices -> assertThat(ModelNames.canonical(prices.getModel())).isEqualTo(prices.getModel()));
    }

    @Test
    @DisplayName("every model has one version from 2025-01-01 with positive prices and its vendor's page as source")
    void everyEntryIsComplete() {
        assertThat(table).allSatisfy(prices -> {
            assertThat(prices.getSource()).startsWith("https://").contains("as of 2025-");
            assertThat(prices.getVersions()).hasSize(1);
            PriceVersion version = prices.getVersions().get(0);
            assertThat(version.getEffectiveFrom()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(List.of(version.getInputPerMtok(), version.getOutputPerMtok(), version.getCacheReadPerMtok(),
                    version.getCacheWritePerMtok())).allSatisfy(price -> assertThat(price).isPositive());
        });
    }

    @Test
    @DisplayName("Anthropic cache writes cost 1.25 x input and cache reads 0.1 x input")
    void anthropicCacheMultipliers() {
        assertThat(table).filteredOn(prices -> prices.getModel().startsWith("claude")).hasSize(7).allSatisfy(prices -> {
            PriceVersion version = prices.getVersions().get(0);
            assertThat(version.getCacheWritePerMtok()).isCloseTo(version.getInputPerMtok() * 1.25, within(1e-9));
            assertThat(version.getCacheReadPerMtok()).isCloseTo(version.getInputPerMtok() * 0.1, within(1e-9));
        });
    }

    @Test
    @DisplayName("gemini-2.5-pro is priced higher above 200k prompt tokens")
    void geminiProLongContext() {
        PriceVersion pro = byModel.get("gemini-2.5-pro").getVersions().get(0);

        assertThat(pro.getLongContext()).isNotNull();
        assertThat(pro.getLongContext().getThresholdTokens()).isEqualTo(200_000);
        assertThat(pro.getLongContext().getInputPerMtok()).isGreaterThan(pro.getInputPerMtok());
        assertThat(pro.getLongContext().getOutputPerMtok()).isGreaterThan(pro.getOutputPerMtok());
        assertThat(byModel.get("gemini-2.5-flash").getVersions().get(0).getLongContext()).isNull();
    }
}
