package io.burnwatch.streams.rollup;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("1-minute user rollups")
class UserRollupsTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NEXT_MINUTE = MINUTE.plusSeconds(60);
    /** Stream time at which the 10:00 window closes: its end plus the 30 s grace. */
    private static final Instant CLOSE = NEXT_MINUTE.plusSeconds(30);

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = PipelineDriver.start();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    @DisplayName("sums a user's calls in a minute, token types and reported cost apart")
    void sumsOneUsersCallsPerMinute() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(100).setOutputTokens(20)
                .setCacheReadTokens(1000).setCacheWriteTokens(50).setCostUsd(0.25).build());
        pipeline.pipe(call("alice", "s-2", MINUTE.plusSeconds(59)).setInputTokens(7).setOutputTokens(3)
                .setCacheReadTokens(0).setCacheWriteTokens(5).setCostUsd(0.5).build());
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        List<KeyValue<RollupKey, UsageRollup>> emitted = pipeline.rollups.readKeyValuesToList();

        assertThat(emitted).hasSize(1);
        RollupKey key = emitted.get(0).key;
        UsageRollup rollup = emitted.get(0).value;
        assertThat(key.getDimension()).isEqualTo(Dimension.USER);
        assertThat(key.getDimensionValue()).isEqualTo("alice");
        assertThat(key.getWindowStart()).isEqualTo(MINUTE);
        assertThat(rollup.getDimension()).isEqualTo(Dimension.USER);
        assertThat(rollup.getDimensionValue()).isEqualTo("alice");
        assertThat(rollup.getWindowStart()).isEqualTo(MINUTE);
        assertThat(rollup.getWindowEnd()).isEqualTo(NEXT_MINUTE);
        assertThat(rollup.getRequests()).isEqualTo(2);
        assertThat(rollup.getInputTokens()).isEqualTo(107);
        assertThat(rollup.getOutputTokens()).isEqualTo(23);
        assertThat(rollup.getCacheReadTokens()).isEqualTo(1000);
        assertThat(rollup.getCacheWriteTokens()).isEqualTo(55);
        assertThat(rollup.getReportedCostUsd()).isEqualTo(0.75);
    }

    @Test
    @DisplayName("windows are aligned on UTC minutes: a call at :59.999 and one at :00 land in different rollups")
    void windowsAreAlignedOnUtcMinutes() {
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE.minusMillis(1)).setInputTokens(1).build());
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE).setInputTokens(2).build());
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE.plusSeconds(120)).build());

        List<UsageRollup> emitted = pipeline.rollups.readValuesToList();

        assertThat(emitted).extracting(UsageRollup::getWindowStart).containsExactly(MINUTE, NEXT_MINUTE);
        assertThat(emitted).extracting(UsageRollup::getInputTokens).containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("is emitted only once the window's end plus grace has passed in event time, and only once")
    void emittedOnceAfterWindowClosePlusGrace() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(10)).setInputTokens(5).build());
        pipeline.pipe(call("alice", "s-1", CLOSE.minusMillis(1)).build());
        assertThat(pipeline.rollups.isEmpty()).as("nothing before the window closes").isTrue();

        pipeline.pipe(call("alice", "s-1", CLOSE).build());
        assertThat(pipeline.rollups.readValuesToList()).extracting(UsageRollup::getWindowStart).containsExactly(MINUTE);

        pipeline.pipe(call("alice", "s-1", CLOSE.plusSeconds(5)).build());
        pipeline.pipe(call("bob", "s-9", CLOSE.plusSeconds(10)).build());
        assertThat(pipeline.rollups.isEmpty()).as("no second record for a closed window").isTrue();
    }

    @Test
    @DisplayName("keeps two users apart")
    void keepsUsersApart() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setOutputTokens(10).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(2)).setOutputTokens(20).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(3)).setOutputTokens(30).build());
        pipeline.pipe(call("carol", "s-3", CLOSE).build());

        Map<RollupKey, UsageRollup> emitted = pipeline.rollups.readKeyValuesToMap();

        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(userMinute("alice")).getOutputTokens()).isEqualTo(10);
        assertThat(emitted.get(userMinute("alice")).getRequests()).isEqualTo(1);
        assertThat(emitted.get(userMinute("bob")).getOutputTokens()).isEqualTo(50);
        assertThat(emitted.get(userMinute("bob")).getRequests()).isEqualTo(2);
    }

    @Test
    @DisplayName("counts a call that arrives late but within grace, and drops one that arrives after the close")
    void lateWithinGraceCountsLateAfterCloseDoesNot() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(1).build());
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE.plusSeconds(20)).build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(50)).setInputTokens(10).build());
        pipeline.pipe(call("alice", "s-1", CLOSE).build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(55)).setInputTokens(100).build());
        pipeline.pipe(call("alice", "s-1", CLOSE.plusSeconds(60)).build());

        List<UsageRollup> emitted = pipeline.rollups.readValuesToList();

        assertThat(emitted).filteredOn(rollup -> rollup.getWindowStart().equals(MINUTE))
                .singleElement()
                .satisfies(rollup -> {
                    assertThat(rollup.getInputTokens()).isEqualTo(11);
                    assertThat(rollup.getRequests()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("reports a null cost when no call in the window reported one")
    void nullCostWhenNoneReported() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(1).build());
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        assertThat(pipeline.rollups.readValue().getReportedCostUsd()).isNull();
    }

    private static RollupKey userMinute(String user) {
        return RollupKey.newBuilder().setDimension(Dimension.USER).setDimensionValue(user).setWindowStart(MINUTE).build();
    }
}
