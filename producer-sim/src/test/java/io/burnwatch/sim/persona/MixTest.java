package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixTest {

    @Test
    @DisplayName("a mix names personas by their short names; the ones left out weigh nothing")
    void parsesWeights() {
        Mix mix = Mix.parse("light=60, idle=5,stuffer=35");

        assertThat(mix.weights()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Role.LIGHT, 60, Role.IDLE_LOOPER, 5, Role.STUFFER, 35));
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {1, 7, 10, 33, 999, 5000})
    @DisplayName("counts add up to the users and follow the shares to within one")
    void countsFollowTheShares(int users) {
        Map<Role, Integer> counts = Mix.STANDARD.counts(users);

        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(users);
        Mix.STANDARD.weights().forEach((role, weight) ->
                assertThat((double) counts.get(role)).isCloseTo(users * weight / 100.0,
                        org.assertj.core.data.Offset.offset(1.0)));
    }

    @Test
    @DisplayName("an unknown persona, a missing weight or no weight at all is refused, naming what to write")
    void refusesBadMixes() {
        assertThatThrownBy(() -> Mix.parse("light=50,dragons=5")).hasMessageContaining("dragons")
                .hasMessageContaining("light, heavy, runner, idle, jitter, stuffer");
        assertThatThrownBy(() -> Mix.parse("light")).hasMessageContaining("light=<whole number");
        assertThatThrownBy(() -> Mix.parse("light=-2")).hasMessageContaining("light=<whole number");
        assertThatThrownBy(() -> Mix.parse("light=0,heavy=0")).hasMessageContaining("positive weight");
    }
}
