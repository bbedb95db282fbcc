package io.burnwatch.sim.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.Mix;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.persona.SimEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroundTruthTest {

    private static final Duration SPAN = Duration.ofHours(3);
    private static final Map<String, TruthLabel> LABELS = Map.of(
            "light_user", TruthLabel.MUST_NOT_ALERT, "heavy_user", TruthLabel.MUST_NOT_ALERT,
            "context_stuffer", TruthLabel.MUST_NOT_ALERT, "autonomous_runner", TruthLabel.MAY_ALERT_IF_RESOLVED,
            "idle_looper", TruthLabel.SHOULD_ALERT, "jittered_looper", TruthLabel.SHOULD_ALERT);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 3})
    @DisplayName("every session gets exactly one truth, labelled by its persona")
    void oneTruthPerSession(long seed) {
        Run run = Run.of(Cast.of(seed, 40, Mix.STANDARD));

        Map<String, Long> truthsPerSession = run.truths().stream()
                .collect(Collectors.groupingBy(SessionTruth::getSessionId, Collectors.counting()));
        assertThat(truthsPerSession.values()).allMatch(n -> n == 1);
        assertThat(truthsPerSession.keySet()).containsAll(run.calls().stream().map(UsageEvent::getSessionId).toList());
        assertThat(run.truths()).allSatisfy(t -> assertThat(t.getLabel()).isEqualTo(LABELS.get(t.getPersona())));
        assertThat(run.truths()).extracting(SessionTruth::getPersona).containsAll(LABELS.keySet());
        assertThat(run.truths()).filteredOn(t -> t.getLabel() == TruthLabel.MUST_NOT_ALERT)
                .allMatch(t -> t.getDetectableFrom() == null);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 3})
    @DisplayName("a looper is detectable from its first call after which the trailing 30 minutes hold $5 or 2M tokens")
    void loopersAreDetectableFromTheirBurn(long seed) {
        Run run = Run.of(Cast.of(seed, 40, Mix.STANDARD));
        List<SessionTruth> loopers = run.truths().stream().filter(t -> t.getLabel() == TruthLabel.SHOULD_ALERT).toList();

        assertThat(loopers).isNotEmpty().allSatisfy(t -> {
            assertThat(t.getDetectableFrom()).isNotNull();
            List<UsageEvent> calls = run.calls().stream().filter(c -> c.getSessionId().equals(t.getSessionId())).toList();
            assertThat(t.getDetectableFrom()).isEqualTo(firstBurn(calls));
        });
    }

    @Test
    @DisplayName("a runner's truth may alert, becomes detectable during its run, before the pull request that resolves it")
    void runnersMayAlertUntilTheirPullRequest() {
        Run run = Run.of(Cast.of(5, 20, Mix.parse("runner=1")));
        List<SessionTruth> runs = run.truths().stream().filter(t -> t.getParentSessionId() == null).toList();

        assertThat(runs).isNotEmpty().allSatisfy(t -> {
            assertThat(t.getLabel()).isEqualTo(TruthLabel.MAY_ALERT_IF_RESOLVED);
            assertThat(t.getDetectableFrom()).isNotNull().isAfter(t.getStartedAt());
            run.events().stream().filter(e -> e instanceof SimEvent.Outcome o
                            && t.getSessionId().equals(o.event().getSessionId()))
                    .forEach(pr -> assertThat(pr.ts()).isAfter(t.getDetectableFrom()));
        });
    }

    @Test
    @DisplayName("a truth comes before its session's first call if it must not alert, and right after the detecting call otherwise")
    void truthsComeInEventTimeOrder() {
        Run run = Run.of(Cast.of(42, 30, Mix.STANDARD));

        for (int i = 0; i < run.events().size(); i++) {
            if (run.events().get(i) instanceof SimEvent.Truth t && t.truth().getDetectableFrom() != null) {
                assertThat(run.events().get(i - 1)).isInstanceOfSatisfying(SimEvent.Usage.class, call -> {
                    assertThat(call.event().getSessionId()).isEqualTo(t.truth().getSessionId());
                    assertThat(call.ts()).isEqualTo(t.ts());
                });
            }
        }
        List<Instant> times = run.events().stream().filter(e -> !(e instanceof SimEvent.Truth t)
                || t.truth().getLabel() == TruthLabel.MUST_NOT_ALERT || t.truth().getDetectableFrom() != null)
                .map(SimEvent::ts).toList();
        assertThat(times.subList(1, times.size())).isNotEmpty();
        for (int i = 1; i < times.size(); i++) {
            // only a heavy user's history commit, minutes before the start, comes later than what precedes it
            assertThat(times.get(i)).isAfterOrEqualTo(times.get(i - 1).minus(Duration.ofMinutes(10)));
        }
    }

    @Test
    @DisplayName("sessions that never became detectable are handed out at the end, with no detectable_from")
    void undetectedSessionsAtTheEnd() {
        Cast cast = Cast.of(42, 6);
        GroundTruth truth = new GroundTruth(new Simulation(cast.personas(SimEvents.START)));
        List<SimEvent> seen = new ArrayList<>();
        while (seen.size() < 5) { // the looper's first calls: far from $5 or 2M tokens
            seen.add(truth.next());
        }

        assertThat(seen).noneMatch(e -> e instanceof SimEvent.Truth t && t.truth().getLabel() == TruthLabel.SHOULD_ALERT);
        assertThat(truth.undetected()).singleElement().isInstanceOfSatisfying(SimEvent.Truth.class, t -> {
            assertThat(t.truth().getPersona()).isEqualTo("idle_looper");
            assertThat(t.truth().getDetectableFrom()).isNull();
        });
        assertThat(truth.undetected()).isEmpty();
    }

    /** The first call at which the session's calls in the trailing 30 minutes reach $5 or 2M tokens (no outcomes). */
    private static Instant firstBurn(List<UsageEvent> calls) {
        for (UsageEvent call : calls) {
            Instant from = call.getTs().minus(Duration.ofMinutes(30));
            List<UsageEvent> window = calls.stream()
                    .filter(c -> c.getTs().isAfter(from) && !c.getTs().isAfter(call.getTs())).toList();
            long tokens = window.stream().mapToLong(c -> c.getInputTokens() + c.getOutputTokens()
                    + c.getCacheReadTokens() + c.getCacheWriteTokens()).sum();
            double usd = window.stream().mapToDouble(UsageEvent::getCostUsd).sum();
            if (tokens >= 2_000_000 || usd >= 5.0) {
                return call.getTs();
            }
        }
        return null;
    }

    private record Run(List<SimEvent> events) {

        static Run of(Cast cast) {
            GroundTruth truth = new GroundTruth(new Simulation(cast.personas(SimEvents.START)));
            Instant end = SimEvents.START.plus(SPAN);
            List<SimEvent> events = new ArrayList<>();
            for (SimEvent event = truth.next(); event.ts().isBefore(end); event = truth.next()) {
                events.add(event);
            }
            events.addAll(truth.undetected());
            return new Run(events);
        }

        List<SessionTruth> truths() {
            return events.stream().filter(e -> e instanceof SimEvent.Truth).map(e -> ((SimEvent.Truth) e).truth())
                    .toList();
        }

        List<UsageEvent> calls() {
            return events.stream().filter(e -> e instanceof SimEvent.Usage).map(e -> ((SimEvent.Usage) e).event())
                    .toList();
        }
    }
}
