package io.burnwatch.streams.guard.spike;

import static io.burnwatch.streams.guard.Spends.at;
import static io.burnwatch.streams.guard.Spends.hour;
import static io.burnwatch.streams.guard.Spends.wobble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.SpikeBaseline;
import io.burnwatch.schema.SpikeEvidence;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hourly spend against each scope's own baseline, with the default rule: a robust z-score of 5, 3 times the median,
 * $2 spent and $5 above the median; 4 days of history of the hour's type. 2026-02-02 is a Monday.
 */
@DisplayName("Spend spike alerts")
class SpikeAlertTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-02-02");
    private static final LocalDate FRIDAY = MONDAY.plusDays(4);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    private final SpikeStates spikes = new SpikeStates(pipeline);

    @Test
    @DisplayName("history warm-up: no spike before 4 days of the hour's type, then against the scope's own baseline")
    void warmUp() {
        for (LocalDate day = MONDAY; day.isBefore(MONDAY.plusDays(3)); day = day.plusDays(1)) {
            for (int h = 10; h <= 12; h++) {
                hour(pipeline, "carol", "solo", at(day, h), wobble(10, day, h), 2);
            }
        }
        hour(pipeline, "carol", "solo", at(MONDAY.plusDays(3), 11), 100, 2);
        assertThat(spikes.all()).as("Thursday: three weekdays of history, and no team member to compare with").isEmpty();

        hour(pipeline, "carol", "solo", at(FRIDAY, 11), 100, 2);

        Alert user = spikes.only("carol");
        assertThat(user.getKind()).isEqualTo(AlertKind.SPIKE);
        assertThat(user.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(user.getTeamId()).isEqualTo("solo");
        SpikeEvidence spike = user.getSpike();
        assertThat(spike.getScope()).isEqualTo("user:carol");
        assertThat(spike.getBaseline()).isEqualTo(SpikeBaseline.OWN);
        assertThat(spike.getBaselineSamples()).as("Monday to Thursday").isEqualTo(4);
        // $10, $11, $9 and Thursday's $100: the outlier among the samples does not move the median much.
        assertThat(spike.getBaselineMedianUsd()).isCloseTo(10.5, within(1e-9));
        assertThat(spike.getWeekend()).isFalse();
        assertThat(spikes.only("team:solo").getSpike().getScope()).as("the team, whose only member carol is")
                .isEqualTo("team:solo");
    }

    @Test
    @DisplayName("a spike that subsides: OPEN as the hour crosses, UPDATE as the next does, RESOLVED when an hour closes within the baseline")
    void spikeThatSubsides() {
        for (LocalDate day = MONDAY; day.isBefore(FRIDAY); day = day.plusDays(1)) {
            for (int h = 12; h <= 16; h++) {
                hour(pipeline, Map.of("dave", wobble(10, day, h), "erin", wobble(40, day, h), "frank", wobble(40, day, h + 1)),
                        "platform", at(day, h), 2);
            }
        }
        assertThat(spikes.all()).as("steady history").isEmpty();
        double[] dave = {10, 80, 80, 10, 10};
        for (int h = 12; h <= 16; h++) {
            hour(pipeline, Map.of("dave", dave[h - 12], "erin", 40.0, "frank", 40.0), "platform", at(FRIDAY, h), 2);
        }

        List<Alert> states = spikes.of("dave");
        assertThat(states).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE, AlertStatus.RESOLVED);
        assertThat(states).extracting(Alert::getAlertId).containsOnly(states.get(0).getAlertId());
        Alert open = states.get(0);
        assertThat(open.getTs()).as("the first $40 call of 13:00").isEqualTo(at(FRIDAY, 13).plusSeconds(1));
        assertThat(open.getCostUsd()).isEqualTo(40.0);
        // 13:00 cost $9, $10, $11 and $9 from Monday to Thursday.
        assertThat(open.getSpike().getBaselineMedianUsd()).isCloseTo(9.5, within(1e-9));
        assertThat(open.getSpike().getBaselineMadUsd()).isCloseTo(0.5, within(1e-9));
        assertThat(open.getSpike().getBaselineSamples()).isEqualTo(4);
        assertThat(open.getSpike().getRatio()).isCloseTo(40 / 9.5, within(1e-9));
        assertThat(open.getSpike().getScore()).isCloseTo((40 - 9.5) / (1.4826 * 0.5), within(1e-9));
        assertThat(open.getMessage()).isEqualTo("user:dave spent $40.00 in the hour from 13:00 UTC, 4.2x the median $9.50"
                + " of that hour on its own last 4 weekdays");
        Alert update = states.get(1);
        assertThat(update.getSpike().getHour()).isEqualTo(at(FRIDAY, 14));
        assertThat(update.getSpike().getSpikeHours()).isEqualTo(2);
        assertThat(update.getMessage()).startsWith("Still spiking, hour 2: user:dave spent $40.00 in the hour from 14:00 UTC");
        Alert resolved = states.get(2);
        assertThat(resolved.getResolution()).isEqualTo(Resolution.SUBSIDED);
        assertThat(resolved.getTs()).as("when the 15:00 hour closed at $10").isEqualTo(at(FRIDAY, 16));
        assertThat(resolved.getSpike().getPeakCostUsd()).isEqualTo(80.0);
        assertThat(resolved.getMessage())
                .isEqualTo("Resolved: user:dave is back within its baseline after 2 hours above it, at most $80.00 an hour");
        assertThat(spikes.of("erin")).as("steady users").isEmpty();
        assertThat(spikes.of("frank")).isEmpty();
        assertThat(spikes.of("team:platform")).as("$160 an hour is not 3 times the team's $90").isEmpty();
    }

    @Test
    @DisplayName("$0.02 an hour becoming $0.20 never alerts, nor $4 where nothing was spent: minimum activity and impact")
    void smallChangesNeverAlert() {
        for (LocalDate day = MONDAY; day.isBefore(FRIDAY); day = day.plusDays(1)) {
            hour(pipeline, "grace", "tiny", at(day, 11), 0.02, 2);
        }
        hour(pipeline, "grace", "tiny", at(FRIDAY, 11), 0.20, 2);
        hour(pipeline, "grace", "tiny", at(FRIDAY, 12), 4.00, 2);

        assertThat(spikes.all()).isEmpty();
    }

    @Test
    @DisplayName("a new user is compared with the same hours of the team's members")
    void newUserAgainstTeamMembers() {
        for (LocalDate day = MONDAY; day.isBefore(FRIDAY); day = day.plusDays(1)) {
            hour(pipeline, Map.of("ivan", wobble(10, day, 0), "judy", wobble(10, day, 1), "mallory", wobble(10, day, 2)),
                    "search", at(day, 12), 2);
        }
        hour(pipeline, Map.of("ivan", 10.0, "judy", 10.0, "mallory", 10.0, "niaj", 60.0, "olivia", 12.0), "search",
                at(FRIDAY, 12), 2);

        Alert niaj = spikes.only("niaj");
        assertThat(niaj.getSpike().getBaseline()).isEqualTo(SpikeBaseline.TEAM_MEMBERS);
        assertThat(niaj.getSpike().getBaselineSamples()).as("4 weekdays of 3 members").isEqualTo(12);
        assertThat(niaj.getSpike().getBaselineMedianUsd()).isEqualTo(10.0);
        assertThat(niaj.getMessage()).endsWith("of that hour on 12 weekdays of its team's members");
        assertThat(spikes.of("olivia")).as("a new user spending like the others").isEmpty();
    }
}
