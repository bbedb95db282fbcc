package io.burnwatch.sim.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetPeriod;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BudgetFlagTest {

    private static final Instant NOW = Instant.parse("2026-02-02T00:00:00Z");

    @Test
    @DisplayName("SCOPE=USD/PERIOD is a budget with the default thresholds and early warning")
    void parses() {
        Budget budget = BudgetFlag.parse("team:platform=2000.50/month", NOW);

        assertThat(budget.getScope()).isEqualTo("team:platform");
        assertThat(budget.getAmountUsd()).isEqualTo(2000.50);
        assertThat(budget.getPeriod()).isEqualTo(BudgetPeriod.MONTH);
        assertThat(budget.getThresholdsPercent()).containsExactly(50, 80, 100);
        assertThat(budget.getEarlyWarning()).isTrue();
        assertThat(budget.getUpdatedAt()).isEqualTo(NOW);
        assertThat(BudgetFlag.parse("user:alice=50/day", NOW).getPeriod()).isEqualTo(BudgetPeriod.DAY);
    }

    @Test
    @DisplayName("anything else names the form it expects")
    void refuses() {
        assertThatThrownBy(() -> BudgetFlag.parse("platform=2000/month", NOW))
                .hasMessage("'platform=2000/month' is not a budget: write " + BudgetFlag.FORMAT);
        assertThatThrownBy(() -> BudgetFlag.parse("user:alice=0/day", NOW)).hasMessageContaining(BudgetFlag.FORMAT);
    }
}
