package io.burnwatch.streams.guard.budget;

import static io.burnwatch.streams.guard.Spends.budget;
import static io.burnwatch.streams.guard.Spends.call;
import static io.burnwatch.streams.guard.Spends.guardAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.BudgetEvidence;
import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.state.BudgetState;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the budget checks write per call: the scope's periods and current 5-minute bucket, a record of a couple of
 * hundred bytes; the closed buckets of the last 6 hours are written when a bucket closes, not on every call.
 */
@DisplayName("Budget state written per call")
class BudgetStateWritesTest {

    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("20 calls in one 5-minute bucket write no closed buckets; the next bucket closes it once per scope")
    void closedBucketsAreWrittenPerBucketNotPerCall() {
        for (int i = 0; i < 20; i++) {
            pipeline.pipe(call("olivia", "search", NINE.plusSeconds(10L * i), 1));
        }

        List<TestRecord<byte[], byte[]>> spending = pipeline.changelog(BudgetStores.spending(Scope.Kind.USER));
        assertThat(spending).as("each call").hasSize(20);
        assertThat(spending).allSatisfy(state -> assertThat(state.value().length).isLessThan(300));
        assertThat(pipeline.changelog(BudgetStores.spending(Scope.Kind.TEAM))).as("each call, for the team").hasSize(20);
        assertThat(pipeline.changelog(BudgetStores.recent(Scope.Kind.USER))).isEmpty();
        assertThat(pipeline.changelog(BudgetStores.recent(Scope.Kind.TEAM))).isEmpty();

        pipeline.pipe(call("olivia", "search", NINE.plus(Duration.ofMinutes(5)), 1));

        assertThat(pipeline.changelog(BudgetStores.recent(Scope.Kind.USER))).as("9:00 closed").hasSize(1);
        assertThat(pipeline.changelog(BudgetStores.recent(Scope.Kind.TEAM))).as("9:00 closed").hasSize(1);
    }

    @Test
    @DisplayName("a state written when the buckets were a ring in it keeps its burn rates: the ring moves out at the next call")
    void ringOfAnEarlierVersionMovesOut() {
        // As an earlier version left it: $6 in each 5-minute bucket from 8:00 to 8:55, 9:00 the current bucket.
        BudgetState earlier = Spending.start(NINE);
        long nine = NINE.toEpochMilli() / Spending.BUCKET.toMillis();
        List<Double> ring = new ArrayList<>(Collections.nCopies(Spending.BUCKETS, 0d));
        for (long n = nine - 12; n < nine; n++) {
            ring.set((int) Math.floorMod(n, (long) Spending.BUCKETS), 6d);
        }
        ring.set((int) Math.floorMod(nine, (long) Spending.BUCKETS), 4d);
        earlier.setRecentUsd(ring);
        earlier.getDay().setUsd(76);
        KeyValueStore<String, BudgetState> store =
                pipeline.driver.getKeyValueStore(BudgetStores.spending(Scope.Kind.USER));
        store.put("user:olivia", earlier);
        pipeline.pipe(budget("user:olivia", 100, BudgetPeriod.DAY, 80));

        pipeline.pipe(call("olivia", "search", NINE.plus(Duration.ofMinutes(1)), 6));

        BudgetEvidence fired = guardAlerts(pipeline).get(0).getBudget();
        assertThat(fired.getSpentUsd()).isEqualTo(82.0);
        // 8:05 to 9:00 is the last hour: eleven closed buckets of $6, and $4 + $6 in the current one.
        assertThat(fired.getBurnRate1hUsd()).isCloseTo(76.0, within(1e-9));
        assertThat(fired.getBurnRate6hUsd()).isCloseTo(82.0 / 6, within(1e-9));
        assertThat(store.get("user:olivia").getRecentUsd()).as("the ring, once moved").isEmpty();
    }
}
