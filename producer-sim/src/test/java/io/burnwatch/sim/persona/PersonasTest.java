package io.burnwatch.sim.persona;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.trace.Traces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each persona's events have the shape its description promises, for any seed. */
class PersonasTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42})
    @DisplayName("an idle looper calls at a regular cadence with a handful of repeated prompts, never a human turn or an outcome")
    void idleLooper(long seed) {
        Play play = Play.of(Role.IDLE_LOOPER, seed, HOUR);

        assertThat(play.cadenceCv()).isLessThan(0.15);
        assertThat(play.repeatedPromptShare()).isEqualTo(1.0);
        assertThat(play.calls()).allMatch(c -> c.getInitiator() == Initiator.AGENT);
        assertThat(play.outcomes()).isEmpty();
        assertThat(play.truths()).singleElement().satisfies(t -> assertThat(t.getPersona()).isEqualTo("idle_looper"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42})
    @DisplayName("a jittered looper calls at random gaps with ever new prompts, still never a human turn or an outcome")
    void jitteredLooper(long seed) {
        Play play = Play.of(Role.JITTERED_LOOPER, seed, HOUR);

        assertThat(play.cadenceCv()).isGreaterThan(0.4);
        assertThat(play.repeatedPromptShare()).isLessThan(0.05);
        assertThat(play.calls()).hasSizeGreaterThan(200).allMatch(c -> c.getInitiator() == Initiator.AGENT);
        assertThat(play.outcomes()).isEmpty();
        assertThat(play.calls()).allSatisfy(c -> assertThat(c.getInputTokens())
                .isLessThanOrEqualTo(Traces.packaged().completions().maxContext()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 99})
    @DisplayName("a heavy user spends $20-80 an hour in agent sessions and commits every 15-50 minutes")
    void heavyUser(long seed) {
        Duration span = Duration.ofHours(6);
        Play play = Play.of(Role.HEAVY, seed, span);

        assertThat(play.usdPerHour(span)).isBetween(15.0, 85.0);
        assertThat(play.calls()).anyMatch(c -> c.getInitiator() == Initiator.HUMAN)
                .anyMatch(c -> c.getInitiator() == Initiator.AGENT);
        List<Instant> commits = play.outcomes().stream().filter(o -> o.getKind() == OutcomeKind.COMMIT)
                .map(OutcomeEvent::getTs).filter(ts -> ts.isAfter(SimEvents.START)).toList();
        assertThat(commits).hasSizeBetween(6, 25);
        for (int i = 1; i < commits.size(); i++) {
            assertThat(Duration.between(commits.get(i - 1), commits.get(i)))
                    .isBetween(HeavyUser.MIN_COMMIT_GAP, HeavyUser.MAX_COMMIT_GAP);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42})
    @DisplayName("an autonomous runner runs 3-6 hours without a commit, and each run ends in its pull request")
    void autonomousRunner(long seed) {
        Play play = Play.of(Role.RUNNER, seed, Duration.ofHours(14));
        Set<String> subagents = play.truths().stream().filter(t -> t.getParentSessionId() != null)
                .map(SessionTruth::getSessionId).collect(Collectors.toSet());
        Map<String, List<UsageEvent>> runs = play.calls().stream().filter(c -> !subagents.contains(c.getSessionId()))
                .collect(Collectors.groupingBy(UsageEvent::getSessionId));

        assertThat(play.outcomes()).allMatch(o -> o.getKind() == OutcomeKind.PR_OPENED).isNotEmpty();
        assertThat(play.outcomes()).allSatisfy(pr -> {
            List<UsageEvent> run = runs.get(pr.getSessionId());
            Duration length = Duration.between(run.get(0).getTs(), pr.getTs());
            assertThat(length).isBetween(AutonomousRunner.MIN_RUN, AutonomousRunner.MAX_RUN.plusMinutes(5));
            assertThat(run).allSatisfy(c -> assertThat(c.getTs()).isBefore(pr.getTs()));
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("heavy users and runners spawn subagents: sessions of their own that name their parent")
    void subagents(long seed) {
        for (Role role : List.of(Role.HEAVY, Role.RUNNER)) {
            Play play = Play.of(role, seed, Duration.ofHours(8));
            Map<String, SessionTruth> sessions = play.truths().stream()
                    .collect(Collectors.toMap(SessionTruth::getSessionId, t -> t));
            List<UsageEvent> subagentCalls = play.calls().stream().filter(c -> c.getParentSessionId() != null).toList();

            assertThat(subagentCalls).isNotEmpty().allSatisfy(c -> {
                assertThat(sessions.get(c.getSessionId()).getParentSessionId()).isEqualTo(c.getParentSessionId());
                assertThat(sessions.get(c.getParentSessionId()).getParentSessionId()).isNull();
                assertThat(c.getSessionId()).isNotEqualTo(c.getParentSessionId());
            });
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42})
    @DisplayName("a context stuffer sends huge inputs from many repositories, asks for little, and commits")
    void contextStuffer(long seed) {
        Play play = Play.of(Role.STUFFER, seed, Duration.ofDays(2));
        Traces traces = Traces.packaged();

        assertThat(play.calls()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getInputTokens()).isLessThanOrEqualTo(traces.longContexts().maxContext());
            assertThat(c.getOutputTokens()).isLessThanOrEqualTo(ContextStuffer.MAX_OUTPUT);
        });
        double meanInput = play.calls().stream().mapToLong(UsageEvent::getInputTokens).average().orElseThrow();
        double meanOutput = play.calls().stream().mapToLong(UsageEvent::getOutputTokens).average().orElseThrow();
        assertThat(meanInput).isGreaterThan(5_000).isGreaterThan(30 * meanOutput);
        assertThat(play.calls().stream().map(UsageEvent::getRepo).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(play.outcomes()).hasSizeGreaterThan(5).allMatch(o -> o.getKind() == OutcomeKind.COMMIT);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 7})
    @DisplayName("a light user takes a few human turns an hour when at work, with chat-sized prompts, and commits daily")
    void lightUser(long seed) {
        Duration span = Duration.ofDays(3);
        Play play = Play.of(Role.LIGHT, seed, span);
        Traces traces = Traces.packaged();

        assertThat(play.calls()).isNotEmpty().allMatch(c -> c.getInitiator() == Initiator.HUMAN)
                .allSatisfy(c -> assertThat(c.getInputTokens()).isLessThanOrEqualTo(traces.chats().maxContext()));
        long activeHours = play.calls().stream().map(c -> c.getTs().getEpochSecond() / 3600).distinct().count();
        assertThat(play.calls().size() / (double) activeHours).isBetween(1.0, 8.0);
        assertThat(play.outcomes()).hasSizeBetween(2, 4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    @DisplayName("every persona plays the same for the same seed, and differently for another")
    void deterministicPerSeed(Role role) {
        Duration span = Duration.ofHours(3);
        List<String> once = shapes(Play.of(role, 5, span));

        assertThat(shapes(Play.of(role, 5, span))).isEqualTo(once);
        assertThat(shapes(Play.of(role, 6, span))).isNotEqualTo(once);
    }

    private static List<String> shapes(Play play) {
        return play.events().stream().map(e -> e.ts() + "|" + e.eventId() + "|" + SimEvents.shape(e.record()))
                .toList();
    }
}
