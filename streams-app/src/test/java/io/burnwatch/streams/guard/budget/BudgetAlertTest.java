package io.burnwatch.streams.guard.budget;

import static io.burnwatch.streams.guard.Spends.budget;
import static io.burnwatch.streams.guard.Spends.call;
import static io.burnwatch.streams.guard.Spends.guardAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetEvidence;
import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.Severity;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import io.burnwatch.streams.testing.Prices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Budgets of teams and users: stepped thresholds once per period, burn rates, forecasts and early warnings. */
@DisplayName("Budget alerts")
class BudgetAlertTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("a team's calls, whoever makes them, fire each threshold once, with spend, burn rates and forecast")
    void eachThresholdFiresOnce() {
        pipeline.pipe(budget("team:payments", 100, BudgetPeriod.DAY, 50, 80, 100));

        for (int i = 0; i < 12; i++) {
            pipeline.pipe(call(i % 2 == 0 ? "alice" : "bob", "payments", MORNING.plus(Duration.ofMinutes(10L * i)), 10));
        }

        List<Alert> alerts = guardAlerts(pipeline);
        assertThat(alerts).extracting(a -> a.getBudget().getThresholdPercent()).containsExactly(50, 80, 100);
        assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.BUDGET);
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.getUserId()).isEqualTo("team:payments");
            assertThat(alert.getTeamId()).isEqualTo("payments");
        });
        assertThat(alerts).extracting(Alert::getSeverity).containsExactly(Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);

        Alert half = alerts.get(0);
        Instant fifthCall = MORNING.plus(Duration.ofMinutes(40));
        assertThat(half.getTs()).isEqualTo(fifthCall);
        assertThat(half.getOpenedAt()).isEqualTo(fifthCall);
        assertThat(half.getWindowStart()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(half.getWindowEnd()).isEqualTo(fifthCall);
        assertThat(half.getCalls()).isEqualTo(5);
        assertThat(half.getCostUsd()).isEqualTo(50.0);
        BudgetEvidence evidence = half.getBudget();
        assertThat(evidence.getScope()).isEqualTo("team:payments");
        assertThat(evidence.getPeriod()).isEqualTo(BudgetPeriod.DAY);
        assertThat(evidence.getPeriodStart()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(evidence.getPeriodEnd()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(evidence.getAmountUsd()).isEqualTo(100.0);
        assertThat(evidence.getSpentUsd()).isEqualTo(50.0);
        assertThat(evidence.getPercentUsed()).isEqualTo(50.0);
        assertThat(evidence.getEarlyWarning()).isFalse();
        // All five calls lie within the last hour and within the last 6 hours.
        assertThat(evidence.getBurnRate1hUsd()).isCloseTo(50.0, within(1e-9));
        assertThat(evidence.getBurnRate6hUsd()).isCloseTo(50.0 / 6, within(1e-9));
        // The remaining $50 at $8.33 an hour: 6 hours.
        assertThat(evidence.getForecastExhaustedAt()).isEqualTo(fifthCall.plus(Duration.ofHours(6)));
        assertThat(half.getMessage()).isEqualTo("team:payments has spent $50.00 (50%) of its $100.00 daily budget,"
                + " crossing 50%; at $8.33 an hour it runs out 2026-03-02 14:40 UTC");
        assertThat(alerts.get(2).getBudget().getForecastExhaustedAt()).as("spent already").isNull();
    }

    @Test
    @DisplayName("a user's budget counts the user's own calls only")
    void userBudgetCountsTheUsersCalls() {
        pipeline.pipe(budget("user:alice", 20, BudgetPeriod.DAY, 100));

        pipeline.pipe(call("alice", "payments", MORNING, 10));
        pipeline.pipe(call("bob", "payments", MORNING.plusSeconds(60), 10));
        assertThat(guardAlerts(pipeline)).isEmpty();
        pipeline.pipe(call("alice", "payments", MORNING.plusSeconds(120), 10));

        Alert alert = guardAlerts(pipeline).get(0);
        assertThat(alert.getUserId()).isEqualTo("alice");
        assertThat(alert.getTeamId()).isEqualTo("payments");
        assertThat(alert.getBudget().getScope()).isEqualTo("user:alice");
        assertThat(alert.getBudget().getSpentUsd()).isEqualTo(20.0);
    }

    @Test
    @DisplayName("an early warning fires once, below every threshold, when the forecast runs out before the period ends")
    void earlyWarning() {
        pipeline.pipe(Budget.newBuilder(budget("team:payments", 1000, BudgetPeriod.MONTH, 50, 80, 100)).setEarlyWarning(true).build());
        Instant start = Instant.parse("2026-03-01T00:00:00Z");

        // $20 an hour, a $5 call every 15 minutes: 10% of the budget at the 20th call.
        for (int i = 0; i < 19; i++) {
            pipeline.pipe(call("alice", "payments", start.plus(Duration.ofMinutes(15L * i)), 5));
        }
        assertThat(guardAlerts(pipeline)).as("below 10% spent").isEmpty();
        Instant twentieth = start.plus(Duration.ofMinutes(15L * 19));
        for (int i = 19; i < 40; i++) {
            pipeline.pipe(call("alice", "payments", start.plus(Duration.ofMinutes(15L * i)), 5));
        }

        List<Alert> alerts = guardAlerts(pipeline);
        assertThat(alerts).hasSize(1);
        Alert early = alerts.get(0);
        assertThat(early.getTs()).isEqualTo(twentieth);
        assertThat(early.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(early.getBudget().getEarlyWarning()).isTrue();
        assertThat(early.getBudget().getThresholdPercent()).isNull();
        assertThat(early.getBudget().getPercentUsed()).isEqualTo(10.0);
        // $100 in the last 6 hours: $16.67 an hour, so the remaining $900 lasts 54 hours.
        assertThat(early.getBudget().getForecastExhaustedAt()).isEqualTo(twentieth.plus(Duration.ofHours(54)));
        assertThat(early.getMessage()).isEqualTo("team:payments will run out of its $1,000.00 monthly budget"
                + " 2026-03-03 10:45 UTC, before the month ends: $100.00 (10%) spent, $16.67 an hour over the last 6 hours");
    }

    @Test
    @DisplayName("no early warning when the period ends before the budget runs out")
    void noEarlyWarningWithinBudget() {
        pipeline.pipe(Budget.newBuilder(budget("user:bob", 100, BudgetPeriod.DAY, 80)).setEarlyWarning(true).build());

        // $10 an hour from 18:00: at 23:00, $50 at $8.33 an hour lasts until 05:00, after the day ends.
        for (int i = 0; i < 6; i++) {
            pipeline.pipe(call("bob", "payments", Instant.parse("2026-03-01T18:00:00Z").plus(Duration.ofHours(i)), 10));
        }

        assertThat(guardAlerts(pipeline)).isEmpty();
    }

    @Test
    @DisplayName("at a month boundary the month's alerts resolve, spend starts over, and the thresholds fire again")
    void monthRollover() {
        pipeline.pipe(budget("user:carol", 100, BudgetPeriod.MONTH, 50));
        pipeline.pipe(call("carol", "search", Instant.parse("2026-01-31T22:00:00Z"), 30));
        pipeline.pipe(call("carol", "search", Instant.parse("2026-01-31T22:30:00Z"), 30));
        Alert january = guardAlerts(pipeline).get(0);
        assertThat(january.getBudget().getPeriodStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

        pipeline.pipe(call("carol", "search", Instant.parse("2026-02-01T00:10:00Z"), 5));

        List<Alert> rollover = guardAlerts(pipeline);
        assertThat(rollover).hasSize(1);
        Alert ended = rollover.get(0);
        assertThat(ended.getAlertId()).isEqualTo(january.getAlertId());
        assertThat(ended.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(ended.getResolution()).isEqualTo(Resolution.PERIOD_ENDED);
        assertThat(ended.getTs()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(ended.getMessage()).isEqualTo("Resolved: the month of user:carol's $100.00 budget is over");

        // A January call that comes late counts against no February budget.
        pipeline.pipe(call("carol", "search", Instant.parse("2026-01-31T23:50:00Z"), 40));
        pipeline.pipe(call("carol", "search", Instant.parse("2026-02-01T01:00:00Z"), 45));

        Alert february = guardAlerts(pipeline).get(0);
        assertThat(february.getAlertId()).isNotEqualTo(january.getAlertId());
        assertThat(february.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(february.getBudget().getPeriodStart()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(february.getBudget().getPeriodEnd()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(february.getBudget().getSpentUsd()).isEqualTo(50.0);
        assertThat(february.getCalls()).isEqualTo(2);
    }

    @Test
    @DisplayName("a budget changed mid-period: thresholds no longer crossed resolve and fire again under the new amount; those still crossed stay")
    void budgetChangedMidPeriod() {
        pipeline.pipe(budget("team:search", 100, BudgetPeriod.DAY, 50, 80));
        spend("dave", "search", 8, 11);
        List<Alert> first = guardAlerts(pipeline);
        assertThat(first).extracting(a -> a.getBudget().getThresholdPercent()).containsExactly(50, 80);

        pipeline.pipe(budget("team:search", 150, BudgetPeriod.DAY, 50, 80, 100));
        spend("dave", "search", 1, 11);

        Alert resolved = guardAlerts(pipeline).get(0);
        assertThat(resolved.getAlertId()).isEqualTo(first.get(1).getAlertId());
        assertThat(resolved.getResolution()).isEqualTo(Resolution.BUDGET_CHANGED);
        assertThat(resolved.getMessage())
                .isEqualTo("Resolved: the budget of team:search changed to $150.00 daily; $99.00 spent is 66% of it");

        spend("dave", "search", 2, 11);
        List<Alert> again = guardAlerts(pipeline);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).getBudget().getThresholdPercent()).isEqualTo(80);
        assertThat(again.get(0).getBudget().getAmountUsd()).isEqualTo(150.0);
        assertThat(again.get(0).getAlertId()).isNotEqualTo(first.get(1).getAlertId());

        pipeline.pipe(budget("team:search", 100, BudgetPeriod.DAY, 50, 80, 100));
        spend("dave", "search", 1, 11);

        List<Alert> lowered = guardAlerts(pipeline);
        assertThat(lowered).as("only 100% is new; 50% and 80% still hold").hasSize(1);
        assertThat(lowered.get(0).getBudget().getThresholdPercent()).isEqualTo(100);
        assertThat(lowered.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
    }

    @Test
    @DisplayName("a budget set mid-period counts what was spent since the period began")
    void budgetSetMidPeriod() {
        spend("erin", "growth", 7, 10);
        assertThat(guardAlerts(pipeline)).isEmpty();

        pipeline.pipe(budget("user:erin", 100, BudgetPeriod.DAY, 50));
        pipeline.pipe(call("erin", "growth", MORNING.plus(Duration.ofHours(2)), 1));

        Alert alert = guardAlerts(pipeline).get(0);
        assertThat(alert.getBudget().getSpentUsd()).isEqualTo(71.0);
        assertThat(alert.getCalls()).isEqualTo(8);
    }

    @Test
    @DisplayName("removing a budget resolves its open alerts as stream time goes on")
    void removedBudget() {
        pipeline.pipe(budget("user:frank", 10, BudgetPeriod.DAY, 50));
        pipeline.pipe(call("frank", "infra", MORNING, 6));
        Alert open = guardAlerts(pipeline).get(0);

        pipeline.removeBudget("user:frank");
        pipeline.pipe(call("grace", "infra", MORNING.plus(Duration.ofMinutes(2)), 1));

        Alert resolved = guardAlerts(pipeline).get(0);
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getResolution()).isEqualTo(Resolution.BUDGET_CHANGED);
        assertThat(resolved.getMessage()).isEqualTo("Resolved: the budget of user:frank was removed");
    }

    @Test
    @DisplayName("a call counts at burnwatch's price, or at its reported cost when its model has no price")
    void priceThenReportedCost() {
        pipeline.pipe("claude-sonnet-4", Prices.model("claude-sonnet-4",
                Prices.version(Instant.parse("2025-01-01T00:00:00Z"), 3, 15, 0.3, 3.75)));
        pipeline.pipe(budget("user:heidi", 5, BudgetPeriod.DAY, 80));

        pipeline.pipe(Events.call("heidi", "s-1", MORNING).setInputTokens(1_000_000).setCostUsd(100.0).build());
        assertThat(guardAlerts(pipeline)).as("$3 at list price, not the $100 reported").isEmpty();
        pipeline.pipe(Events.call("heidi", "s-1", MORNING.plusSeconds(1)).setModel("in-house").setCostUsd(1.0).build());

        Alert alert = guardAlerts(pipeline).get(0);
        assertThat(alert.getBudget().getThresholdPercent()).isEqualTo(80);
        assertThat(alert.getBudget().getSpentUsd()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    @DisplayName("a budget that cannot be used is skipped, and the one before it stays in force")
    void invalidBudgetIsSkipped() {
        pipeline.budgets.pipeInput("ivan", budget("ivan", 1, BudgetPeriod.DAY, 50));
        pipeline.pipe(budget("user:ivan", 10, BudgetPeriod.DAY, 50));
        pipeline.pipe(budget("user:ivan", 0, BudgetPeriod.DAY, 50));

        pipeline.pipe(call("ivan", "infra", MORNING, 5));

        Alert alert = guardAlerts(pipeline).get(0);
        assertThat(alert.getBudget().getAmountUsd()).isEqualTo(10.0);
    }

    /** {@code calls} calls of {@code usd} each, five minutes apart from the morning on. */
    private void spend(String user, String team, int calls, double usd) {
        for (int i = 0; i < calls; i++) {
            pipeline.pipe(call(user, team, MORNING.plus(Duration.ofMinutes(5L * (count++))), usd));
        }
    }

    private int count;
}
