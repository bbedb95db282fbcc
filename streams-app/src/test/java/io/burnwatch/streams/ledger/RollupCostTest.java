package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Prices.model;
import static io.burnwatch.streams.testing.Prices.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.cost.UnpricedTokens;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Computed cost in rollups")
class RollupCostTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant PRICE_CUT = MINUTE.plusSeconds(30);
    private static final Instant CLOSE = MINUTE.plusSeconds(90);
    private static final Offset<Double> EXACT = within(1e-12);

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = PipelineDriver.start();
        // Both versions in one value, as the compacted prices topic keeps them; the key is spelled loosely.
        pipeline.pipe("Anthropic/Claude-Sonnet-4", model("claude-sonnet-4",
                version(Instant.parse("2025-01-01T00:00:00Z"), 3.0, 15.0, 0.30, 3.75),
                version(PRICE_CUT, 2.0, 10.0, 0.20, 2.50)));
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    @DisplayName("a price change mid-minute prices the calls before and after it at their own prices")
    void priceChangeWithinAMinute() {
        pipeline.pipe(sonnet(MINUTE.plusSeconds(10)));
        pipeline.pipe(sonnet(PRICE_CUT.minusMillis(1)));
        pipeline.pipe(sonnet(PRICE_CUT));
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        UsageRollup rollup = onlyRollup();

        // Before: 1000 x 3 + 200 x 15 + 10000 x 0.30 + 400 x 3.75 = 10500 micro-dollars, twice.
        // After:  1000 x 2 + 200 x 10 + 10000 x 0.20 + 400 x 2.50 =  7000 micro-dollars.
        assertThat(rollup.getComputedCostUsd()).isCloseTo(0.0105 + 0.0105 + 0.007, EXACT);
        assertThat(rollup.getUnpricedTokens()).isZero();
        assertThat(rollup.getReportedCostUsd()).as("no call reported a cost").isNull();
    }

    @Test
    @DisplayName("prices with a negative, NaN or infinite price are ignored: the model keeps the prices it had")
    void pricesThatAreNotMoneyAreIgnored() {
        for (double poison : new double[] {-1e9, Double.NaN, Double.POSITIVE_INFINITY}) {
            pipeline.pipe("claude-sonnet-4", model("claude-sonnet-4",
                    version(Instant.parse("2025-01-01T00:00:00Z"), 3.0, poison, 0.30, 3.75)));
        }
        pipeline.pipe(sonnet(MINUTE.plusSeconds(10)));
        pipeline.pipe(sonnet(PRICE_CUT));
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        assertThat(onlyRollup().getComputedCostUsd()).isCloseTo(0.0105 + 0.007, EXACT);
    }

    @Test
    @DisplayName("a model without a price leaves the cost null, counts its tokens as unpriced, and in the metric")
    void unpricedModel() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(5)).setModel("mystery-model-20250101")
                .setInputTokens(100).setOutputTokens(20).setCacheReadTokens(3).setCacheWriteTokens(7).build());
        pipeline.pipe(call("alice", "s-1", CLOSE).setModel("mystery-model").build());

        UsageRollup rollup = onlyRollup();

        assertThat(rollup.getComputedCostUsd()).isNull();
        assertThat(rollup.getUnpricedTokens()).isEqualTo(130);
        assertThat(UnpricedTokens.byModel(pipeline.metrics)).containsEntry("mystery-model", 130L);
    }

    @Test
    @DisplayName("priced and unpriced calls in one minute: the cost of the priced ones, the tokens of the others")
    void pricedAndUnpricedTogether() {
        pipeline.pipe(sonnet(MINUTE.plusSeconds(1)));
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(2)).setModel("mystery-model").setOutputTokens(50).build());
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        UsageRollup rollup = onlyRollup();

        assertThat(rollup.getComputedCostUsd()).isCloseTo(0.0105, EXACT);
        assertThat(rollup.getUnpricedTokens()).isEqualTo(50);
        assertThat(rollup.getRequests()).isEqualTo(2);
        assertThat(rollup.getOutputTokens()).isEqualTo(250);
    }

    @Test
    @DisplayName("a tombstone on the prices topic removes the model's prices")
    void tombstoneRemovesPrices() {
        pipeline.pipe("claude-sonnet-4", null);
        pipeline.pipe(sonnet(MINUTE.plusSeconds(1)));
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        UsageRollup rollup = onlyRollup();

        assertThat(rollup.getComputedCostUsd()).isNull();
        assertThat(rollup.getUnpricedTokens()).isEqualTo(11_600);
    }

    @Test
    @DisplayName("a call is priced once: its user's, team's and model's rollups of every size carry the same cost")
    void samePriceInEveryDimension() {
        pipeline.pipe(sonnet(MINUTE.plusSeconds(10)));
        pipeline.pipe(sonnet(PRICE_CUT));
        // The closing call is 31 min past the driver's wall clock: move the clock on, or it is FUTURE_TIMESTAMP.
        pipeline.passWallClock(Duration.ofHours(1));
        pipeline.pipe(call("alice", "s-1", MINUTE.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(31))).build());

        for (TestOutputTopic<RollupKey, UsageRollup> topic : List.of(pipeline.rollups, pipeline.rollups1h, pipeline.rollups1d)) {
            List<UsageRollup> first = topic.readValuesToList().stream()
                    .filter(rollup -> rollup.getWindowStart().isBefore(PRICE_CUT)).toList();
            assertThat(first).extracting(UsageRollup::getDimension)
                    .containsExactlyInAnyOrder(Dimension.USER, Dimension.TEAM, Dimension.MODEL);
            assertThat(first).allSatisfy(rollup -> assertThat(rollup.getComputedCostUsd()).isCloseTo(0.0105 + 0.007, EXACT));
        }
    }

    /** A dated snapshot name, priced under its canonical id. */
    private static UsageEvent sonnet(Instant ts) {
        return call("alice", "s-1", ts).setModel("claude-sonnet-4-20250514")
                .setInputTokens(1_000).setOutputTokens(200).setCacheReadTokens(10_000).setCacheWriteTokens(400).build();
    }

    private UsageRollup onlyRollup() {
        List<UsageRollup> emitted = PipelineDriver.of(Dimension.USER, pipeline.rollups);
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).getWindowStart()).isEqualTo(MINUTE);
        return emitted.get(0);
    }
}
