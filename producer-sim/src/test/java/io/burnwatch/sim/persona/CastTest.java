package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CastTest {

    @Test
    @DisplayName("a small cast has exactly one idle looper")
    void everySmallCastHasExactlyOneLooper() {
        for (int size = 1; size <= Cast.SMALL; size++) {
            Cast cast = Cast.of(7, size);
            assertThat(cast.users()).hasSize(size);
            assertThat(cast.users().stream().filter(u -> cast.roleOf(u) == Role.IDLE_LOOPER)).hasSize(1);
        }
    }

    @Test
    void theOtherUsersAreBothHeavyAndLightWhenThereAreEnough() {
        Cast cast = Cast.of(42, 6);
        Map<Role, Long> roles = cast.users().stream()
                .collect(Collectors.groupingBy(cast::roleOf, Collectors.counting()));
        assertThat(roles).containsOnlyKeys(Role.IDLE_LOOPER, Role.HEAVY, Role.LIGHT);
        assertThat(roles.get(Role.HEAVY) + roles.get(Role.LIGHT)).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {5, 6, 20, 21, 24, 30, 77, 500})
    @DisplayName("users are unique and belong to teams of 5 to 20")
    void usersAreUniqueAndBelongToTeamsOfFiveToTwenty(int users) {
        Cast cast = Cast.of(42, users);
        assertThat(cast.users()).hasSize(users);
        assertThat(cast.users().stream().map(User::userId)).doesNotHaveDuplicates();
        Map<String, Long> teamSizes = cast.users().stream()
                .collect(Collectors.groupingBy(User::teamId, Collectors.counting()));
        assertThat(teamSizes.values()).allSatisfy(size -> assertThat(size).isBetween(5L, 20L));
        assertThat(cast.users()).allSatisfy(u -> assertThat(u.repo()).contains(u.teamId()));
    }

    @Test
    @DisplayName("a cast of fewer than five users is one team")
    void fewUsersAreOneTeam() {
        assertThat(Cast.of(3, 4).users().stream().map(User::teamId).distinct()).hasSize(1);
    }

    @Test
    @DisplayName("a large cast follows the standard mix: every persona, in its share")
    void largeCastsFollowTheStandardMix() {
        Cast cast = Cast.of(42, 200);
        Map<Role, Long> roles = cast.users().stream()
                .collect(Collectors.groupingBy(cast::roleOf, Collectors.counting()));
        assertThat(roles).containsOnlyKeys(Mix.STANDARD.weights().keySet());
        assertThat(roles.get(Role.LIGHT)).isEqualTo(100);
        assertThat(roles.get(Role.HEAVY)).isEqualTo(50);
        assertThat(roles.get(Role.STUFFER)).isEqualTo(20);
        assertThat(roles.get(Role.RUNNER)).isEqualTo(10);
        assertThat(roles.get(Role.IDLE_LOOPER)).isEqualTo(10);
        assertThat(roles.get(Role.JITTERED_LOOPER)).isEqualTo(10);
    }

    @Test
    @DisplayName("a given mix decides the roles, whatever the cast's size, and the seed their order")
    void aGivenMixDecidesTheRoles() {
        Mix mix = Mix.parse("runner=1,jitter=1");
        Cast cast = Cast.of(9, 4, mix);
        assertThat(cast.users()).extracting(cast::roleOf)
                .containsExactlyInAnyOrder(Role.RUNNER, Role.RUNNER, Role.JITTERED_LOOPER, Role.JITTERED_LOOPER);
        assertThatThrownBy(cast::looper).hasMessageContaining("no idle looper");
        Set<java.util.List<Role>> orders = new HashSet<>();
        IntStream.range(0, 20).forEach(seed -> orders.add(
                Cast.of(seed, 30, Mix.STANDARD).users().stream().map(Cast.of(seed, 30, Mix.STANDARD)::roleOf).toList()));
        assertThat(orders).hasSizeGreaterThan(1);
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
        assertThat(byUser.get(cast.looper().userId())).isInstanceOf(IdleLooper.class);
    }
}
