package io.burnwatch.streams.cost;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Prices.longContext;
import static io.burnwatch.streams.testing.Prices.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.PriceVersion;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cost of a call")
class CallCostTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final Offset<Double> EXACT = within(1e-12);
    private static final PriceVersion SONNET = version(T, 3.0, 15.0, 0.30, 3.75).build();
    private static final PriceVersion GEMINI_PRO = version(T, 1.25, 10.0, 0.125, 1.25)
            .setLongContext(longContext(200_000, 2.50, 15.0, 0.25, 2.50)).build();

    @Test
    @DisplayName("each token type is priced at its own price per million")
    void eachTokenTypeAtItsOwnPrice() {
        assertThat(CallCost.usd(tokens(1_000_000, 0, 0, 0), SONNET)).isCloseTo(3.0, EXACT);
        assertThat(CallCost.usd(tokens(0, 1_000_000, 0, 0), SONNET)).isCloseTo(15.0, EXACT);
        assertThat(CallCost.usd(tokens(0, 0, 1_000_000, 0), SONNET)).isCloseTo(0.30, EXACT);
        assertThat(CallCost.usd(tokens(0, 0, 0, 1_000_000), SONNET)).isCloseTo(3.75, EXACT);
        // 2000 x 3 + 500 x 15 + 100000 x 0.30 + 8000 x 3.75 = 6000 + 7500 + 30000 + 30000 micro-dollars
        assertThat(CallCost.usd(tokens(2_000, 500, 100_000, 8_000), SONNET)).isCloseTo(0.0735, EXACT);
    }

    @Test
    @DisplayName("cache reads cost a tenth of input here, not the input price")
    void cacheReadsAreNotInput() {
        double cached = CallCost.usd(tokens(0, 0, 100_000, 0), SONNET);
        double uncached = CallCost.usd(tokens(100_000, 0, 0, 0), SONNET);

        assertThat(cached).isCloseTo(0.03, EXACT);
        assertThat(uncached).isCloseTo(0.30, EXACT);
    }

    @Test
    @DisplayName("a prompt of exactly the threshold is priced normally; one token more prices the whole call long-context")
    void longContextTierAboveThreshold() {
        // prompt = input + cache read + cache write = 200,000
        UsageEvent atThreshold = tokens(50_000, 10_000, 140_000, 10_000);
        UsageEvent above = tokens(50_001, 10_000, 140_000, 10_000);

        assertThat(CallCost.promptTokens(atThreshold)).isEqualTo(200_000);
        // 50000 x 1.25 + 10000 x 10 + 140000 x 0.125 + 10000 x 1.25 = 62500 + 100000 + 17500 + 12500
        assertThat(CallCost.usd(atThreshold, GEMINI_PRO)).isCloseTo(0.1925, EXACT);
        // 50001 x 2.5 + 10000 x 15 + 140000 x 0.25 + 10000 x 2.5 = 125002.5 + 150000 + 35000 + 25000
        assertThat(CallCost.usd(above, GEMINI_PRO)).isCloseTo(0.3350025, EXACT);
    }

    @Test
    @DisplayName("output tokens do not count towards the long-context threshold")
    void outputIsNotPrompt() {
        assertThat(CallCost.usd(tokens(100_000, 1_000_000, 0, 0), GEMINI_PRO)).isCloseTo(0.125 + 10.0, EXACT);
    }

    private static UsageEvent tokens(long input, long output, long cacheRead, long cacheWrite) {
        return call("alice", "s-1", T).setInputTokens(input).setOutputTokens(output)
                .setCacheReadTokens(cacheRead).setCacheWriteTokens(cacheWrite).build();
    }
}
