package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One producer's clock runs 50 minutes ahead. Its call shares a partition (the driver has one), a team and a model
 * with the on-time calls of four other users, which must all count in their windows and none go late.
 */
class ClockSkewTest {

    private static final Instant NOW = PipelineDriver.WALL_CLOCK;
    private static final Instant SKEWED = NOW.plus(Duration.ofMinutes(50));
    private static final List<String> ON_TIME_USERS = List.of("ada", "grace", "linus", "barbara");

    private PipelineDriver pipeline;

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    @DisplayName("by default a call 50 minutes ahead is FUTURE_TIMESTAMP, and the calls after it count on time")
    void skewedCallBeyondTheAllowanceIsDeadLettered() {
        pipeline = PipelineDriver.start();

        pipeline.pipe(skewedCall());
        pipeOnTimeCallsAndCloseTheirMinute();

        assertThat(deadLetters()).containsOnly(Map.entry("FUTURE_TIMESTAMP", 1L));
        assertThat(pipeline.late.isEmpty()).as("nothing late").isTrue();
        assertOnTimeCallsCounted(pipeline.rollups.readValuesToList());
    }

    @Test
    @DisplayName("a call ahead of the clock but within the allowance counts, in its own window, and makes no other call late")
    void skewedCallWithinTheAllowanceCannotMakeOthersLate() {
        pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.VALIDATION_MAX_FUTURE, "1h"));

        pipeline.pipe(skewedCall());
        pipeOnTimeCallsAndCloseTheirMinute();

        assertThat(deadLetters()).isEmpty();
        assertThat(pipeline.late.isEmpty()).as("nothing late").isTrue();
        List<UsageRollup> closed = pipeline.rollups.readValuesToList();
        assertOnTimeCallsCounted(closed);
        assertThat(closed).noneMatch(rollup -> rollup.getDimensionValue().equals("mallory"));

        // Once the wall clock reaches the skewed call's minute, it closes like any other.
        pipeline.passWallClock(Duration.ofMinutes(51));
        pipeline.pipe(call("closer", "s-9", SKEWED.plusSeconds(90)).setTeamId("payments").build());
        assertThat(PipelineDriver.of(Dimension.USER, pipeline.rollups))
                .filteredOn(rollup -> rollup.getDimensionValue().equals("mallory")).singleElement().satisfies(rollup -> {
            assertThat(rollup.getRequests()).isEqualTo(1);
            assertThat(rollup.getWindowStart()).isEqualTo(SKEWED);
        });
        assertThat(pipeline.late.isEmpty()).isTrue();
    }

    /** Dead letters so far by reason, the reasons that have some. */
    private Map<String, Long> deadLetters() {
        return pipeline.ingest.deadLetters().entrySet().stream().filter(reason -> reason.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static UsageEvent skewedCall() {
        return call("mallory", "s-0", SKEWED).setTeamId("payments").setInputTokens(1_000).build();
    }

    /** Calls of four users, 20 s before the wall clock; then the wall clock and a call pass their minute's grace. */
    private void pipeOnTimeCallsAndCloseTheirMinute() {
        for (int i = 0; i < ON_TIME_USERS.size(); i++) {
            pipeline.pipe(call(ON_TIME_USERS.get(i), "s-" + i, NOW.minusSeconds(20 - i)).setTeamId("payments")
                    .setInputTokens(100).build());
        }
        pipeline.passWallClock(Duration.ofMinutes(2));
        pipeline.pipe(call("closer", "s-9", NOW.plusSeconds(90)).setTeamId("payments").build());
    }

    private static void assertOnTimeCallsCounted(List<UsageRollup> closed) {
        Instant minute = NOW.minusSeconds(60);
        assertThat(closed).filteredOn(rollup -> rollup.getDimension() == Dimension.USER)
                .extracting(UsageRollup::getDimensionValue).containsExactlyInAnyOrderElementsOf(ON_TIME_USERS);
        assertThat(closed).filteredOn(rollup -> rollup.getDimension() != Dimension.USER)
                .extracting(UsageRollup::getDimension, UsageRollup::getDimensionValue, UsageRollup::getWindowStart,
                        UsageRollup::getRequests)
                .containsExactlyInAnyOrder(
                        tuple(Dimension.TEAM, "payments", minute, 4L),
                        tuple(Dimension.MODEL, "claude-sonnet-4", minute, 4L));
    }
}
