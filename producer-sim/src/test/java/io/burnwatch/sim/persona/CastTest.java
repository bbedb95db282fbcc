package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CastTest {

    @Test
    void everyCastHasExactlyOneLooper() {
        for (int size = 1; size <= 25; size++) {
            Cast cast = Cast.of(7, size);
            assertThat(cast.users()).hasSize(size);
            assertThat(cast.users().stream().filter(u -> cast.roleOf(u) == Role.LOOPER)).hasSize(1);
        }
    }

    @Test
    void theOtherUsersAreBothHeavyAndLightWhenThereAreEnough() {
        Cast cast = Cast.of(42, 6);
        Map<Role, Long> roles = cast.users().stream()
                .collect(Collectors.groupingBy(cast::roleOf, Collectors.counting()));
        assertThat(roles).containsOnlyKeys(Role.LOOPER, Role.HEAVY, Role.LIGHT);
        assertThat(roles.get(Role.HEAVY) + roles.get(Role.LIGHT)).isEqualTo(5);
    }

    @Test
    void usersAreUniqueAndBelongToTeamsOfThree() {
        Cast cast = Cast.of(42, 30);
        assertThat(cast.users().stream().map(User::userId)).doesNotHaveDuplicates();
        Map<String, Long> teamSizes = cast.users().stream()
                .collect(Collectors.groupingBy(User::teamId, Collectors.counting()));
        assertThat(teamSizes.values()).allSatisfy(size -> assertThat(size).isBetween(3L, 6L));
        assertThat(cast.users()).allSatisfy(u -> assertThat(u.repo()).contains(u.teamId()));
    }

    @Test
    void theSeedDecidesWhoLoops() {
        Set<String> loopers = new HashSet<>();
        IntStream.range(0, 30).forEach(seed -> loopers.add(Cast.of(seed, 6).looper().userId()));
        assertThat(loopers).hasSizeGreaterThan(1);
        assertThat(Cast.of(42, 6).looper()).isEqualTo(Cast.of(42, 6).looper());
    }

    @Test
    void aCastWithoutUsersIsRefused() {
        assertThatThrownBy(() -> Cast.of(42, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one user");
    }

    @Test
    void personasPlayTheirUsersInOrder() {
        Cast cast = Cast.of(42, 6);
        assertThat(cast.personas(SimEvents.START)).extracting(Persona::user).containsExactlyElementsOf(cast.users());
        Map<String, Persona> byUser = cast.personas(SimEvents.START).stream()
                .collect(Collectors.toMap(p -> p.user().userId(), Function.identity()));
        assertThat(byUser.get(cast.looper().userId())).isInstanceOf(Looper.class);
    }
}
