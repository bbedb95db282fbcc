package io.burnwatch.streams.guard.spike;

import static io.burnwatch.streams.guard.Spends.at;
import static io.burnwatch.streams.guard.Spends.hour;
import static io.burnwatch.streams.guard.Spends.weekday;
import static io.burnwatch.streams.guard.Spends.wobble;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two days of history of a type are enough here, so that a week holds both kinds. 2026-01-31 is a Saturday. */
@DisplayName("Spend spike alerts, weekdays and weekends apart")
class SpikeDayTypeTest {

    private static final LocalDate SATURDAY = LocalDate.parse("2026-01-31");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start(Map.of("burnwatch.spike.min.history.days", "2"));

    @Test
    @DisplayName("weekend hours are measured against weekends, weekday hours against weekdays")
    void weekdaysAndWeekendsApart() {
        for (LocalDate day = SATURDAY; day.isBefore(SATURDAY.plusDays(7)); day = day.plusDays(1)) {
            hour(pipeline, "peggy", "weekenders", at(day, 11), weekday(day) ? wobble(30, day, 0) : wobble(5, day, 0), 2);
        }
        hour(pipeline, "peggy", "weekenders", at(SATURDAY.plusDays(7), 11), 30, 2);
        hour(pipeline, "peggy", "weekenders", at(SATURDAY.plusDays(9), 11), 30, 2);

        List<Alert> states = new SpikeStates(pipeline).of("peggy");
        assertThat(states).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(states.get(0).getSpike().getWeekend()).isTrue();
        assertThat(states.get(0).getSpike().getBaselineSamples()).as("the weekend before").isEqualTo(2);
        assertThat(states.get(0).getMessage()).contains("on its own last 2 weekend days");
        assertThat(states.get(1).getTs()).as("once the quiet hour after it passed").isEqualTo(at(SATURDAY.plusDays(7), 13));
    }
}
