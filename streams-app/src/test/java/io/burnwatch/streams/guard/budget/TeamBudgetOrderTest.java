package io.burnwatch.streams.guard.budget;

import static io.burnwatch.streams.guard.Spends.budget;
import static io.burnwatch.streams.guard.Spends.call;
import static io.burnwatch.streams.guard.Spends.guardAlerts;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A team's calls reach its budget out of event-time order: two sources feed the input, one already in the next day.
 * Each call counts for its own period and the threshold fires at the call that crossed it in event time.
 */
@DisplayName("Team budgets by event time")
class TeamBudgetOrderTest {

    private static final Instant DAY_1 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-03-03T00:00:00Z");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("an early call of the new day, then a late call of the old one: the old day's threshold fires at the late call")
    void lateCallOfTheOldPeriodAfterAnEarlyCallOfTheNew() {
        pipeline.pipe(budget("team:payments", 100, BudgetPeriod.DAY, 50));

        pipe("json-0", call("alice", "payments", DAY_1.plusSeconds(20 * 3600), 30));
        pipe("json-1", call("bob", "payments", DAY_2.plusSeconds(3600), 30));
        UsageEvent crossing = call("alice", "payments", DAY_1.plusSeconds(23 * 3600), 30);
        pipe("json-0", crossing);
        pipe("json-0", call("alice", "payments", DAY_2.plusSeconds(2 * 3600), 30));
        pipe("json-1", call("bob", "payments", DAY_2.plusSeconds(3 * 3600), 0));

        List<Alert> opened = guardAlerts(pipeline).stream().filter(alert -> alert.getStatus() == AlertStatus.OPEN).toList();
        assertThat(opened).hasSize(2);
        Alert dayOne = opened.get(0);
        assertThat(dayOne.getTs()).isEqualTo(crossing.getTs());
        assertThat(dayOne.getBudget().getPeriodStart()).isEqualTo(DAY_1);
        assertThat(dayOne.getBudget().getSpentUsd()).isEqualTo(60.0);
        Alert dayTwo = opened.get(1);
        assertThat(dayTwo.getBudget().getPeriodStart()).isEqualTo(DAY_2);
        assertThat(dayTwo.getTs()).as("bob's 01:00 and alice's 02:00, in event time").isEqualTo(DAY_2.plusSeconds(2 * 3600));
    }

    @Test
    @DisplayName("calls of one source wait for the other's time: nothing fires until every source has passed the crossing")
    void callsWaitForTheSlowerSource() {
        pipeline.pipe(budget("team:payments", 100, BudgetPeriod.DAY, 50));

        pipe("json-0", call("alice", "payments", DAY_1.plusSeconds(3600), 10));
        pipe("json-1", call("bob", "payments", DAY_1.plusSeconds(5 * 3600), 60));
        assertThat(guardAlerts(pipeline)).as("bob's call waits for json-0 to reach 05:00").isEmpty();

        UsageEvent between = call("alice", "payments", DAY_1.plusSeconds(3 * 3600), 40);
        pipe("json-0", between);
        pipe("json-0", call("alice", "payments", DAY_1.plusSeconds(6 * 3600), 1));

        List<Alert> alerts = guardAlerts(pipeline);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getTs()).as("$10 at 01:00, $40 at 03:00 reach 50%").isEqualTo(between.getTs());
        assertThat(alerts.get(0).getBudget().getSpentUsd()).isEqualTo(50.0);
    }

    private void pipe(String source, UsageEvent call) {
        RecordHeaders headers = new RecordHeaders();
        SourceClock.stamp(headers, source);
        pipeline.usage.pipeInput(new TestRecord<>(call.getUserId(), call, headers, 0L));
    }
}
