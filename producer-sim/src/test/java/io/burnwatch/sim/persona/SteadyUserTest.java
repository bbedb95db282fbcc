package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

/** A week of steady and spiking users, from Monday 09:00 ({@link SimEvents#START}). */
class SteadyUserTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant FRIDAY = SimEvents.START.plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.DAYS);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 7})
    @DisplayName("a steady user works weekdays 09:00-17:00 UTC at $8-12 an hour, committing at least hourly (at the call after the hour)")
    void steadyUser(long seed) {
        Play play = Play.of(Role.STEADY, seed, WEEK);
        Map<Instant, Double> hours = hourly(play.calls());

        assertThat(play.calls()).allSatisfy(c -> {
            assertThat(c.getTs().atZone(ZoneOffset.UTC).getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(c.getTs().atZone(ZoneOffset.UTC).getHour()).isBetween(9, 16);
        });
        assertThat(hours).hasSizeBetween(5 * 8 - 2, 5 * 8);
        assertThat(fullHours(hours)).allSatisfy(usd -> assertThat(usd).isBetween(6.0, 14.0));
        assertThat(play.truths()).allSatisfy(t -> assertThat(t.getPersona()).isEqualTo("steady_user"));
        List<Instant> commits = play.outcomes().stream().map(OutcomeEvent::getTs).toList();
        assertThat(commits).hasSizeGreaterThan(5 * 7);
        for (int i = 1; i < commits.size(); i++) {
            if (commits.get(i).truncatedTo(ChronoUnit.DAYS).equals(commits.get(i - 1).truncatedTo(ChronoUnit.DAYS))) {
                assertThat(Duration.between(commits.get(i - 1), commits.get(i))).isLessThanOrEqualTo(Duration.ofMinutes(63));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 7})
    @DisplayName("a spiking user works like a steady one, but spends six times as much from 13:00 to 15:00 on the fifth weekday")
    void spikingUser(long seed) {
        Play play = Play.of(Role.SPIKER, seed, WEEK);
        Map<Instant, Double> hours = hourly(play.calls());
        Instant spikeFrom = FRIDAY.plus(Duration.ofHours(13));
        double median = median(fullHours(hours));

        for (Instant hour : List.of(spikeFrom, spikeFrom.plus(Duration.ofHours(1)))) {
            assertThat(hours.get(hour) / median).as("the hour from " + hour).isBetween(4.5, 8.0);
        }
        hours.keySet().removeAll(List.of(spikeFrom, spikeFrom.plus(Duration.ofHours(1))));
        assertThat(fullHours(hours)).allSatisfy(usd -> assertThat(usd).isBetween(6.0, 14.0));
        assertThat(play.truths()).allSatisfy(t -> assertThat(t.getPersona()).isEqualTo("spiking_user"));
    }

    /** Cost by UTC hour. */
    private static Map<Instant, Double> hourly(List<UsageEvent> calls) {
        Map<Instant, Double> hours = new TreeMap<>();
        calls.forEach(c -> hours.merge(c.getTs().truncatedTo(ChronoUnit.HOURS), c.getCostUsd(), Double::sum));
        return hours;
    }

    /** The hours from 10:00 to 16:00, which work fills whole. */
    private static List<Double> fullHours(Map<Instant, Double> hours) {
        return hours.entrySet().stream()
                .filter(e -> e.getKey().atZone(ZoneOffset.UTC).getHour() >= 10 && e.getKey().atZone(ZoneOffset.UTC).getHour() < 16)
                .map(Map.Entry::getValue).toList();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
