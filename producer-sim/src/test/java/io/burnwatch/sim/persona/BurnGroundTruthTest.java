package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import io.burnwatch.sim.trace.Traces;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's ground truth: the looper, and only the looper, trips the burn rule. */
class BurnGroundTruthTest {

    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 1, 2, 3, 1234, -9})
    @DisplayName("the looper burns 2,000,000 tokens within its first 60 s of event time")
    void looperCrossesTheThresholdWithinAMinute(long seed) {
        Cast cast = Cast.of(seed, 6);
        long tokens = usageOf(SimEvents.firstSpan(cast, Duration.ofSeconds(60)), cast.looper())
                .mapToLong(BurnRule::total).sum();

        assertThat(tokens).isGreaterThanOrEqualTo(BurnRule.THRESHOLD);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 1, 2, 3})
    @DisplayName("the looper makes agent calls about every second in one session, with a handful of prompts, and never an outcome")
    void looperLoops(long seed) {
        Cast cast = Cast.of(seed, 6);
        List<SimEvent> events = SimEvents.firstSpan(cast, TWO_HOURS);
        List<UsageEvent> calls = usageOf(events, cast.looper()).toList();

        assertThat(events).filteredOn(e -> e instanceof SimEvent.Outcome)
                .noneMatch(e -> e.userId().equals(cast.looper().userId()));
        assertThat(calls).allMatch(c -> c.getInitiator() == Initiator.AGENT);
        assertThat(calls.stream().map(UsageEvent::getSessionId).distinct()).hasSize(1);
        assertThat(calls.stream().map(UsageEvent::getPromptHash).distinct().count()).isBetween(2L, 5L);
        assertThat(calls).allSatisfy(c -> assertThat(BurnRule.total(c)).isBetween(48_000L, 60_000L));
        assertThat(calls).allSatisfy(c -> assertThat(c.getCacheReadTokens()).isGreaterThan(c.getInputTokens()));
        assertThat(calls.size()).isBetween(6_000, 9_000); // two hours at about one call a second
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 1, 2, 3, 77})
    @DisplayName("over two simulated hours the burn rule fires for the small cast's looper and for no one else")
    void onlyTheLooperBurnsWithoutOutcome(long seed) {
        Cast cast = Cast.of(seed, Cast.SMALL);

        assertThat(BurnRule.burners(SimEvents.firstSpan(cast, TWO_HOURS))).containsExactly(cast.looper().userId());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 7})
    @DisplayName("in a large cast the burn rule fires for loopers and runners only, never for users who must not alert")
    void onlyLoopersAndRunnersBurnWithoutOutcome(long seed) {
        Cast cast = Cast.of(seed, 60);

        assertThat(BurnRule.burners(SimEvents.firstSpan(cast, TWO_HOURS))).isNotEmpty().allSatisfy(user -> assertThat(
                cast.roleOf(cast.users().stream().filter(u -> u.userId().equals(user)).findFirst().orElseThrow()))
                .isIn(Role.IDLE_LOOPER, Role.JITTERED_LOOPER, Role.RUNNER));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 5})
    @DisplayName("heavy users commit shortly before the run starts and then every 15 to 50 minutes")
    void heavyUsersHaveRecentOutcomes(long seed) {
        Cast cast = Cast.of(seed, 6);
        List<SimEvent> events = SimEvents.firstSpan(cast, TWO_HOURS);
        List<User> heavy = cast.users().stream().filter(u -> cast.roleOf(u) == Role.HEAVY).toList();

        assertThat(heavy).isNotEmpty().allSatisfy(user -> {
            List<Instant> commits = events.stream()
                    .filter(e -> e instanceof SimEvent.Outcome o && o.event().getKind() == OutcomeKind.COMMIT
                            && e.userId().equals(user.userId()))
                    .map(SimEvent::ts).toList();
            assertThat(commits.get(0)).isBetween(SimEvents.START.minus(Duration.ofMinutes(10)), SimEvents.START);
            assertThat(commits).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < commits.size(); i++) {
                assertThat(Duration.between(commits.get(i - 1), commits.get(i)))
                        .isBetween(Duration.ofMinutes(1), HeavyUser.MAX_COMMIT_GAP.plusMinutes(8));
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 5})
    @DisplayName("light users only take human turns, with chat-sized prompts")
    void lightUsersAreLight(long seed) {
        Cast cast = Cast.of(seed, 6);
        List<SimEvent> events = SimEvents.firstSpan(cast, Duration.ofDays(1));
        List<User> light = cast.users().stream().filter(u -> cast.roleOf(u) == Role.LIGHT).toList();

        assertThat(light).isNotEmpty().allSatisfy(user -> {
            List<UsageEvent> turns = usageOf(events, user).toList();
            assertThat(turns).isNotEmpty().allMatch(t -> t.getInitiator() == Initiator.HUMAN);
            assertThat(turns).allSatisfy(t -> assertThat(BurnRule.total(t))
                    .isLessThanOrEqualTo(Traces.packaged().chats().maxContext() + Traces.packaged().chats().maxOutput()));
        });
    }

    private static Stream<UsageEvent> usageOf(List<SimEvent> events, User user) {
        return events.stream()
                .filter(e -> e instanceof SimEvent.Usage && e.userId().equals(user.userId()))
                .map(e -> ((SimEvent.Usage) e).event());
    }
}
