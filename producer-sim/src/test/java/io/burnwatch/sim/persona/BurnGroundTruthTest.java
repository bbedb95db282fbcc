package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.TruthLabel;
import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import io.burnwatch.sim.trace.Traces;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's ground truth: the looper trips the burn rule, and so do people at work who must not alert. */
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
    @DisplayName("over two simulated hours the burn rule fires for the small cast's looper")
    void theLooperBurnsWithoutOutcome(long seed) {
        Cast cast = Cast.of(seed, Cast.SMALL);

        assertThat(BurnRule.burners(SimEvents.firstSpan(cast, TWO_HOURS))).contains(cast.looper().userId());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 7})
    @DisplayName("in a large cast the burn rule fires for every idle looper, and for users who must not alert too: burn alone does not tell a loop")
    void burnAloneDoesNotTellALoop(long seed) {
        Cast cast = Cast.of(seed, 60);
        Set<String> burners = BurnRule.burners(SimEvents.firstSpan(cast, TWO_HOURS));
        List<String> loopers = cast.users().stream().filter(u -> cast.roleOf(u) == Role.IDLE_LOOPER)
                .map(User::userId).toList();

        assertThat(burners).containsAll(loopers);
        assertThat(burners).anySatisfy(user -> assertThat(cast.roleOf(cast.users().stream()
                .filter(u -> u.userId().equals(user)).findFirst().orElseThrow()).label())
                .isEqualTo(TruthLabel.MUST_NOT_ALERT));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 5})
    @DisplayName("heavy users start cold: no outcome before the run, the first commit 15 to 50 minutes after their first call")
    void heavyUsersStartCold(long seed) {
        Cast cast = Cast.of(seed, 6);
        List<SimEvent> events = SimEvents.firstSpan(cast, TWO_HOURS);
        List<User> heavy = cast.users().stream().filter(u -> cast.roleOf(u) == Role.HEAVY).toList();

        assertThat(heavy).isNotEmpty().allSatisfy(user -> {
            Instant firstCall = usageOf(events, user).findFirst().orElseThrow().getTs();
            List<Instant> commits = events.stream()
                    .filter(e -> e instanceof SimEvent.Outcome o && o.event().getKind() == OutcomeKind.COMMIT
                            && e.userId().equals(user.userId()))
                    .map(SimEvent::ts).toList();
            assertThat(commits).hasSizeGreaterThanOrEqualTo(2);
            assertThat(Duration.between(firstCall, commits.get(0)))
                    .isBetween(HeavyUser.MIN_COMMIT_GAP, HeavyUser.MAX_COMMIT_GAP);
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
