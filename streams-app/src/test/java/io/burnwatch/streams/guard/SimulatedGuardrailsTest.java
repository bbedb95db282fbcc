package io.burnwatch.streams.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.budget.BudgetFlag;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.Mix;
import io.burnwatch.sim.persona.Role;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.persona.User;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator's steady users and one spiking user, one team of three, from a Monday to the Friday evening, with
 * budgets: the spike on Friday afternoon is the one SPIKE, and budgets alert where the spend crosses them.
 */
@DisplayName("Budgets and spikes of simulated users")
class SimulatedGuardrailsTest {

    private static final Instant MONDAY = Instant.parse("2026-02-02T00:00:00Z");
    private static final Instant FRIDAY = MONDAY.plus(Duration.ofDays(4));

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("the spiking user gets one SPIKE, on the fifth weekday, that subsides; budgets alert as spend crosses them; steady users get none")
    void simulatedWeek() {
        Cast cast = Cast.of(7, 3, Mix.parse("steady=2,spiker=1"));
        String team = cast.users().get(0).teamId();
        User spiker = cast.users().stream().filter(u -> cast.roleOf(u) == Role.SPIKER).findFirst().orElseThrow();
        List<User> steady = cast.users().stream().filter(u -> cast.roleOf(u) == Role.STEADY).toList();
        // A steady day costs $60-96: a user's $250 a day holds it, but not a day with two hours at six times that.
        for (String flag : List.of("team:" + team + "=900/week", "user:" + spiker.userId() + "=250/day",
                "user:" + steady.get(0).userId() + "=250/day")) {
            pipeline.pipe(BudgetFlag.parse(flag, MONDAY));
        }

        Iterator<SimEvent> events = Simulation.before(new Simulation(cast.personas(MONDAY)), FRIDAY.plus(Duration.ofHours(18)));
        events.forEachRemaining(event -> {
            if (event instanceof SimEvent.Usage usage) {
                pipeline.pipe(usage.event());
            } else if (event instanceof SimEvent.Outcome outcome) {
                pipeline.pipe(outcome.event());
            }
        });
        List<Alert> alerts = pipeline.alerts.readValuesToList().stream()
                .filter(a -> a.getBudget() != null || a.getSpike() != null).toList();

        List<Alert> spikes = alerts.stream().filter(a -> a.getSpike() != null).toList();
        assertThat(spikes).as("SPIKE states").allSatisfy(a -> assertThat(a.getUserId()).isEqualTo(spiker.userId()));
        assertThat(spikes).extracting(Alert::getAlertId).containsOnly(spikes.get(0).getAlertId());
        assertThat(spikes.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(spikes.get(0).getTs()).isBetween(FRIDAY.plus(Duration.ofHours(13)), FRIDAY.plus(Duration.ofHours(14)));
        Alert subsided = spikes.get(spikes.size() - 1);
        assertThat(subsided.getResolution()).isEqualTo(Resolution.SUBSIDED);
        assertThat(subsided.getTs()).isAfterOrEqualTo(FRIDAY.plus(Duration.ofHours(16)));

        List<Alert> teamBudget = alerts.stream().filter(a -> a.getUserId().equals("team:" + team)).toList();
        assertThat(teamBudget).extracting(a -> a.getBudget().getThresholdPercent()).containsOnlyOnce(50, 80, 100);
        assertThat(teamBudget).filteredOn(a -> a.getBudget().getEarlyWarning()).hasSize(1);

        List<Alert> spikerBudget = alerts.stream().filter(a -> a.getUserId().equals(spiker.userId()) && a.getBudget() != null).toList();
        assertThat(spikerBudget).as("only on the day of the spike").isNotEmpty()
                .allSatisfy(a -> assertThat(a.getTs().atZone(ZoneOffset.UTC).toLocalDate()).isEqualTo(FRIDAY.atZone(ZoneOffset.UTC).toLocalDate()));
        assertThat(spikerBudget).extracting(a -> a.getBudget().getThresholdPercent()).contains(50);

        for (User user : steady) {
            assertThat(alerts).as("alerts of steady user " + user.userId()).noneMatch(a -> a.getUserId().equals(user.userId()));
        }
    }
}
