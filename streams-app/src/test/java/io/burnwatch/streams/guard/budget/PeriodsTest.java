package io.burnwatch.streams.guard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.BudgetPeriod;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Budget periods")
class PeriodsTest {

    @ParameterizedTest(name = "{0} of {1}: {2} to {3}")
    @CsvSource({
            "DAY,   2026-02-08T23:59:59Z, 2026-02-08T00:00:00Z, 2026-02-09T00:00:00Z",
            "WEEK,  2026-02-08T23:59:59Z, 2026-02-02T00:00:00Z, 2026-02-09T00:00:00Z",
            "WEEK,  2026-02-09T00:00:00Z, 2026-02-09T00:00:00Z, 2026-02-16T00:00:00Z",
            "WEEK,  2026-01-01T12:00:00Z, 2025-12-29T00:00:00Z, 2026-01-05T00:00:00Z",
            "MONTH, 2026-01-31T23:00:00Z, 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z",
            "MONTH, 2026-02-14T00:00:00Z, 2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z",
            "MONTH, 2026-12-31T23:59:59Z, 2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z"})
    @DisplayName("are UTC days, ISO weeks from Monday and calendar months")
    void startAndEnd(BudgetPeriod period, Instant at, Instant start, Instant end) {
        assertThat(Periods.start(period, at)).isEqualTo(start);
        assertThat(Periods.end(period, start)).isEqualTo(end);
    }
}
