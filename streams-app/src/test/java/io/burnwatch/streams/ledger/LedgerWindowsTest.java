package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Ledger windows")
class LedgerWindowsTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NEXT_MINUTE = MINUTE.plusSeconds(60);
    /** Stream time at which the 10:00 minute closes: its end plus the 30 s grace. */
    private static final Instant CLOSE = NEXT_MINUTE.plusSeconds(30);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("sums a user's calls in a minute, token types and reported cost apart, keyed for upserts")
    void sumsOneUsersCallsPerMinute() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(100).setOutputTokens(20)
                .setCacheReadTokens(1000).setCacheWriteTokens(50).setCostUsd(0.25).build());
        pipeline.pipe(call("alice", "s-2", MINUTE.plusSeconds(59)).setInputTokens(7).setOutputTokens(3)
                .setCacheReadTokens(0).setCacheWriteTokens(5).setCostUsd(0.5).build());
        pipeline.pipe(call("alice", "s-1", CLOSE).build());

        List<KeyValue<RollupKey, UsageRollup>> emitted = pipeline.rollups.readKeyValuesToList().stream()
                .filter(record -> record.key.getDimension() == Dimension.USER).toList();

        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).key).isEqualTo(new RollupKey(Dimension.USER, "alice", MINUTE));
        UsageRollup rollup = emitted.get(0).value;
        assertThat(rollup.getDimension()).isEqualTo(Dimension.USER);
        assertThat(rollup.getDimensionValue()).isEqualTo("alice");
        assertThat(rollup.getWindowStart()).isEqualTo(MINUTE);
        assertThat(rollup.getWindowEnd()).isEqualTo(NEXT_MINUTE);
        assertThat(rollup.getRequests()).isEqualTo(2);
        assertThat(rollup.getSessions()).isEqualTo(2);
        assertThat(rollup.getInputTokens()).isEqualTo(107);
        assertThat(rollup.getOutputTokens()).isEqualTo(23);
        assertThat(rollup.getCacheReadTokens()).isEqualTo(1000);
        assertThat(rollup.getCacheWriteTokens()).isEqualTo(55);
        assertThat(rollup.getReportedCostUsd()).isEqualTo(0.75);
        assertThat(rollup.getCommits()).isZero();
        assertThat(rollup.getTokensPerCommit()).as("no commits").isNull();
    }

    @Test
    @DisplayName("an event at exactly a window's end belongs to the next window")
    void windowEndBelongsToTheNextWindow() {
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE.minusMillis(1)).setInputTokens(1).build());
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE).setInputTokens(2).build());
        pipeline.pipe(call("alice", "s-1", NEXT_MINUTE.plusSeconds(120)).build());

        List<UsageRollup> emitted = PipelineDriver.of(Dimension.USER, pipeline.rollups);

        assertThat(emitted).extracting(UsageRollup::getWindowStart).containsExactly(MINUTE, NEXT_MINUTE);
        assertThat(emitted).extracting(UsageRollup::getInputTokens).containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("1-hour windows start on UTC hours and 1-day windows on UTC midnights")
    void hoursAndDaysAreUtcAligned() {
        Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
        pipeline.pipe(call("alice", "s-1", midnight.minusMillis(1)).setInputTokens(1).build());
        pipeline.pipe(call("alice", "s-1", midnight).setInputTokens(2).build());
        pipeline.pipe(call("alice", "s-1", midnight.plus(Duration.ofMinutes(59))).setInputTokens(4).build());
        pipeline.pipe(call("alice", "s-1", midnight.plus(Duration.ofMinutes(60))).setInputTokens(8).build());
        pipeline.pipe(call("alice", "s-1", midnight.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30))).build());

        List<UsageRollup> hours = PipelineDriver.of(Dimension.USER, pipeline.rollups1h);
        List<UsageRollup> days = PipelineDriver.of(Dimension.USER, pipeline.rollups1d);

        assertThat(hours).extracting(UsageRollup::getWindowStart).containsExactly(
                midnight.minus(Duration.ofHours(1)), midnight, midnight.plus(Duration.ofHours(1)));
        assertThat(hours).extracting(UsageRollup::getInputTokens).containsExactly(1L, 6L, 8L);
        assertThat(hours.get(1).getWindowEnd()).isEqualTo(midnight.plus(Duration.ofHours(1)));
        assertThat(days).extracting(UsageRollup::getWindowStart).containsExactly(midnight.minus(Duration.ofDays(1)), midnight);
        assertThat(days).extracting(UsageRollup::getInputTokens).containsExactly(1L, 14L);
        assertThat(days.get(1).getWindowEnd()).isEqualTo(midnight.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("a window is emitted once its end plus grace has passed in stream time, and only once")
    void emittedOnceAfterWindowClosePlusGrace() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(10)).setInputTokens(5).build());
        pipeline.pipe(call("alice", "s-1", CLOSE.minusMillis(1)).build());
        assertThat(PipelineDriver.of(Dimension.USER, pipeline.rollups)).as("nothing before the window closes").isEmpty();

        pipeline.pipe(call("alice", "s-1", CLOSE).build());
        assertThat(PipelineDriver.of(Dimension.USER, pipeline.rollups)).extracting(UsageRollup::getWindowStart)
                .containsExactly(MINUTE);

        pipeline.pipe(call("alice", "s-1", CLOSE.plusSeconds(5)).build());
        pipeline.pipe(call("bob", "s-9", CLOSE.plusSeconds(10)).build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(20)).setInputTokens(7).build());
        assertThat(PipelineDriver.of(Dimension.USER, pipeline.rollups)).as("no second record for a closed window").isEmpty();
    }

    @Test
    @DisplayName("grace: an event at end + grace - 1 ms of stream time still counts, at end + grace it is late")
    void graceBoundary() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(1).build());
        pipeline.pipe(call("alice", "s-1", CLOSE.minusMillis(1)).build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(2)).setInputTokens(10).build());
        pipeline.pipe(call("bob", "s-2", CLOSE).build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(3)).setInputTokens(100).build());

        assertThat(PipelineDriver.of(Dimension.USER, pipeline.rollups)).filteredOn(r -> r.getWindowStart().equals(MINUTE))
                .singleElement().satisfies(rollup -> {
                    assertThat(rollup.getInputTokens()).isEqualTo(11);
                    assertThat(rollup.getRequests()).isEqualTo(2);
                });
        assertThat(pipeline.late.readRecordsToList()).extracting(pipeline::lateUsage)
                .extracting(call -> call.getInputTokens()).as("late for 1m in each dimension; on time for 1h and 1d")
                .containsExactly(100L, 100L, 100L);
    }

    @Test
    @DisplayName("the grace of each window size is its own setting")
    void gracePerSize() {
        try (PipelineDriver tight = PipelineDriver.start(Map.of("burnwatch.rollup.grace.1h", "1m"))) {
            Instant hour = Instant.parse("2026-03-02T10:00:00Z");
            tight.pipe(call("alice", "s-1", hour.plusSeconds(1)).setInputTokens(1).build());
            tight.pipe(call("alice", "s-1", hour.plus(Duration.ofMinutes(61))).build());
            tight.pipe(call("alice", "s-1", hour.plusSeconds(2)).setInputTokens(10).build());

            assertThat(PipelineDriver.of(Dimension.USER, tight.rollups1h)).singleElement()
                    .satisfies(rollup -> assertThat(rollup.getInputTokens()).isEqualTo(1));
            assertThat(tight.late.readRecordsToList()).extracting(record -> header(record, LateHeaders.WINDOW_SIZE))
                    .as("late for 1m and 1h in each of three dimensions").containsOnly("1m", "1h").hasSize(6);
        }
    }

    @Test
    @DisplayName("keeps two users apart")
    void keepsUsersApart() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setOutputTokens(10).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(2)).setOutputTokens(20).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(3)).setOutputTokens(30).build());
        pipeline.pipe(call("carol", "s-3", CLOSE).build());

        Map<RollupKey, UsageRollup> emitted = pipeline.rollups.readKeyValuesToMap();

        assertThat(emitted.get(new RollupKey(Dimension.USER, "alice", MINUTE)).getOutputTokens()).isEqualTo(10);
        assertThat(emitted.get(new RollupKey(Dimension.USER, "alice", MINUTE)).getRequests()).isEqualTo(1);
        assertThat(emitted.get(new RollupKey(Dimension.USER, "bob", MINUTE)).getOutputTokens()).isEqualTo(50);
        assertThat(emitted.get(new RollupKey(Dimension.USER, "bob", MINUTE)).getRequests()).isEqualTo(2);
        assertThat(emitted.get(new RollupKey(Dimension.USER, "bob", MINUTE)).getSessions()).isEqualTo(1);
    }

    @Test
    @DisplayName("counts distinct sessions exactly, per window: a session seen again counts once, in each window it shows in")
    void distinctSessionsExactly() {
        for (int i = 0; i < 50; i++) {
            pipeline.pipe(call("alice", "s-" + (i % 7), MINUTE.plusMillis(i * 100L)).build());
        }
        pipeline.pipe(call("alice", "s-0", NEXT_MINUTE).build());
        pipeline.pipe(call("alice", "s-new", NEXT_MINUTE.plusSeconds(1)).build());
        pipeline.pipe(call("bob", "s-x", NEXT_MINUTE.plus(Duration.ofMinutes(2))).build());

        List<UsageRollup> minutes = PipelineDriver.of(Dimension.USER, pipeline.rollups).stream()
                .filter(rollup -> rollup.getDimensionValue().equals("alice")).toList();

        assertThat(minutes).extracting(UsageRollup::getSessions).containsExactly(7L, 2L);
        assertThat(minutes).extracting(UsageRollup::getRequests).containsExactly(50L, 2L);
    }

    static String header(TestRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
