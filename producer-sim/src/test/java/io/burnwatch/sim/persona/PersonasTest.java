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
    @DisplayName("a heavy user spends $20-80 an hour in agent sessions, with human and agent turns")
    void heavyUser(long seed) {
        Duration span = Duration.ofHours(6);
        Play play = Play.of(Role.HEAVY, seed, span);

        assertThat(play.usdPerHour(span)).isBetween(15.0, 85.0);
        assertThat(play.calls()).anyMatch(c -> c.getInitiator() == Initiator.HUMAN)
                .anyMatch(c -> c.getInitiator() == Initiator.AGENT);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 99, 7})
    @DisplayName("a heavy user starts cold: no outcome before its first call, and each session's first commit 15-50 min after it starts")
    void heavyUserStartsCold(long seed) {
        Play play = Play.of(Role.HEAVY, seed, Duration.ofHours(8));
        List<Instant> starts = play.truths().stream().filter(t -> t.getParentSessionId() == null)
                .map(SessionTruth::getStartedAt).toList();
        List<Instant> commits = play.outcomes().stream().filter(o -> o.getKind() == OutcomeKind.COMMIT)
                .map(OutcomeEvent::getTs).toList();
        Instant firstCall = play.calls().get(0).getTs();

        assertThat(play.outcomes()).allSatisfy(o -> assertThat(o.getTs()).isAfter(firstCall.plus(HeavyUser.MIN_COMMIT_GAP)
                .minusMillis(1)));
        assertThat(starts).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i);
            Instant next = i + 1 < starts.size() ? starts.get(i + 1) : Instant.MAX;
            List<Instant> own = commits.stream().filter(c -> !c.isBefore(start) && c.isBefore(next)).toList();
            if (next != Instant.MAX) {
                assertThat(own).as("commits of session %d", i).isNotEmpty();
                assertThat(Duration.between(own.get(own.size() - 1), next)).as("break after session %d", i)
                        .isBetween(HeavyUser.MIN_BREAK, HeavyUser.MAX_BREAK);
            }
            if (!own.isEmpty()) {
                assertThat(Duration.between(start, own.get(0))).as("first commit of session %d", i)
                        .isBetween(HeavyUser.MIN_COMMIT_GAP, HeavyUser.MAX_COMMIT_GAP);
            }
            for (int c = 1; c < own.size(); c++) {
                assertThat(Duration.between(own.get(c - 1), own.get(c)))
                        .isBetween(HeavyUser.MIN_COMMIT_GAP, HeavyUser.MAX_COMMIT_GAP);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Role.class, names = {"HEAVY", "STUFFER"})
    @DisplayName("outcomes name the session, only the repository, or the user alone, each in a good share")
    void outcomeAttributionIsMixed(Role role) {
        List<OutcomeEvent> outcomes = new java.util.ArrayList<>();
        Set<String> sessions = new java.util.HashSet<>();
        for (long seed : new long[] {1, 2, 3}) {
            Play play = Play.of(role, seed, Duration.ofDays(1));
            outcomes.addAll(play.outcomes());
            play.truths().forEach(t -> sessions.add(t.getSessionId()));
        }
        long bySession = outcomes.stream().filter(o -> o.getSessionId() != null).count();
        long byRepo = outcomes.stream().filter(o -> o.getSessionId() == null && o.getRepo() != null).count();
        long byUser = outcomes.stream().filter(o -> o.getSessionId() == null && o.getRepo() == null).count();

        assertThat(outcomes).hasSizeGreaterThan(20);
        assertThat(outcomes).filteredOn(o -> o.getSessionId() != null)
                .allSatisfy(o -> assertThat(sessions).contains(o.getSessionId()));
        for (long share : new long[] {bySession, byRepo, byUser}) {
            assertThat(share / (double) outcomes.size()).isBetween(0.1, 0.6);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42})
    @DisplayName("an autonomous runner runs 3-6 hours without a commit, and its pull request lands 1-5 min after the run's last call")
    void autonomousRunner(long seed) {
        Play play = Play.of(Role.RUNNER, seed, Duration.ofHours(14));
        Set<String> subagents = play.truths().stream().filter(t -> t.getParentSessionId() != null)
                .map(SessionTruth::getSessionId).collect(Collectors.toSet());
        Map<String, List<UsageEvent>> runs = play.calls().stream().filter(c -> !subagents.contains(c.getSessionId()))
                .collect(Collectors.groupingBy(UsageEvent::getSessionId));

        assertThat(play.outcomes()).allMatch(o -> o.getKind() == OutcomeKind.PR_OPENED).hasSizeGreaterThanOrEqualTo(2);
        assertThat(play.outcomes()).allSatisfy(pr -> {
            List<UsageEvent> run = runs.get(pr.getSessionId());
            Duration length = Duration.between(run.get(0).getTs(), pr.getTs());
            assertThat(length).isBetween(AutonomousRunner.MIN_RUN, AutonomousRunner.MAX_RUN.plusMinutes(10));
            assertThat(run).allSatisfy(c -> assertThat(c.getTs()).isBefore(pr.getTs()));
            Instant lastCall = play.calls().stream().map(UsageEvent::getTs).filter(ts -> ts.isBefore(pr.getTs()))
                    .max(Instant::compareTo).orElseThrow();
            assertThat(Duration.between(lastCall, pr.getTs())).isBetween(AutonomousRunner.MIN_PR_AFTER_LAST_CALL,
                    AutonomousRunner.MAX_PR_AFTER_LAST_CALL);
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
    @DisplayName("a context stuffer sends huge contexts from many repositories, half of them as agent turns, asks for little, and commits every 40-90 min")
    void contextStuffer(long seed) {
        Play play = Play.of(Role.STUFFER, seed, Duration.ofDays(2));

        assertThat(play.calls()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getInputTokens()).isBetween(ContextStuffer.MIN_CONTEXT, ContextStuffer.MAX_CONTEXT);
            assertThat(c.getOutputTokens()).isLessThanOrEqualTo(ContextStuffer.MAX_OUTPUT);
        });
        double humanShare = play.calls().stream().filter(c -> c.getInitiator() == Initiator.HUMAN).count()
                / (double) play.calls().size();
        assertThat(humanShare).isBetween(0.3, 0.7);
        double meanAgentInput = play.calls().stream().filter(c -> c.getInitiator() == Initiator.AGENT)
                .mapToLong(UsageEvent::getInputTokens).average().orElseThrow();
        assertThat(meanAgentInput).isGreaterThan(250_000);
        assertThat(play.calls().stream().map(UsageEvent::getRepo).distinct().count()).isGreaterThanOrEqualTo(4);
        List<Instant> commits = play.outcomes().stream().map(OutcomeEvent::getTs).toList();
        assertThat(play.outcomes()).hasSizeGreaterThan(20).allMatch(o -> o.getKind() == OutcomeKind.COMMIT);
        for (int i = 1; i < commits.size(); i++) {
            assertThat(Duration.between(commits.get(i - 1), commits.get(i)))
                    .isBetween(ContextStuffer.MIN_COMMIT_GAP, ContextStuffer.MAX_COMMIT_GAP);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 7})
    @DisplayName("a context stuffer at work holds more than 2M tokens in some half hour with no outcome in it")
    void contextStufferCrossesTheTokenBurn(long seed) {
        Play play = Play.of(Role.STUFFER, seed, Duration.ofDays(2));
        List<UsageEvent> calls = play.calls();
        List<Instant> outcomes = play.outcomes().stream().map(OutcomeEvent::getTs).toList();
        Duration window = Duration.ofMinutes(30);

        boolean crossed = false;
        for (int last = 0, first = 0; last < calls.size() && !crossed; last++) {
            Instant end = calls.get(last).getTs();
            while (!calls.get(first).getTs().isAfter(end.minus(window))) {
                first++;
            }
            long tokens = calls.subList(first, last + 1).stream().mapToLong(BurnRule::total).sum();
            boolean outcomeIn = outcomes.stream().anyMatch(o -> o.isAfter(end.minus(window)) && !o.isAfter(end));
            crossed = tokens >= 2_000_000 && !outcomeIn;
        }
        assertThat(crossed).isTrue();
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
