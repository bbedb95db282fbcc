package io.burnwatch.streams.guard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetPeriod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A budget record's amount")
class BudgetsTest {

    @ParameterizedTest(name = "${0}")
    @ValueSource(doubles = {1e-300, 0.009, 0, -1, 1.000000001e9, Double.POSITIVE_INFINITY, Double.NaN})
    @DisplayName("outside $0.01 to $1,000,000,000 makes the record one the app skips, with the bounds in the reason")
    void outOfBounds(double usd) {
        assertThat(Budgets.problem("team:payments", budget(usd)))
                .hasValueSatisfying(problem -> assertThat(problem).contains("from $0.01 to $1,000,000,000"));
    }

    @ParameterizedTest(name = "${0}")
    @ValueSource(doubles = {0.01, 5000, 1e9})
    @DisplayName("within the bounds, bounds included, is a budget")
    void withinBounds(double usd) {
        assertThat(Budgets.problem("team:payments", budget(usd))).isEmpty();
    }

    private static Budget budget(double usd) {
        return Budget.newBuilder().setScope("team:payments").setAmountUsd(usd).setPeriod(BudgetPeriod.DAY)
                .setThresholdsPercent(List.of(50, 100)).setEarlyWarning(true).setUpdatedAt(Instant.EPOCH).build();
    }
}
