package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle-loop verdicts must not depend on the order in which usage and outcomes reach the detector. One small
 * scenario with every kind of user, fed three ways: (a) written before the app starts; (b) live, at the
 * simulator's max rate, through the JSON topics while the app runs (another sub-topology forwards them); (c) live
 * via Avro with every outcome sent {@value #OUTCOME_LAG} of wall time after the usage of its event time, less than
 * the app's hold {@value #OUTCOME_DELAY}. All three must alert the same sessions and resolve each the same way.
 */
@DisplayName("Idle-loop verdicts do not depend on arrival order")
class IdleOrderIndependenceIT {

    private static final String USERS = "30";
    /** About 40,000 events; the seed gives two runs that end with their pull request and two still running. */
    private static final String MIX = "light=11,heavy=2,runner=4,idle=1,jitter=2,stuffer=10";
    private static final String HOURS = "4";
    private static final String SEED = "2";
    private static final String OUTCOME_DELAY = "20s";
    private static final String OUTCOME_LAG = "12s";

    /** One way of feeding the scenario, and what came of it. */
    private record Feed(String name, List<String> flags, ByteArrayOutputStream out, ByteArrayOutputStream err,
                        int[] exit, Map<String, String> verdicts, Map<String, String> episodes) {

        Feed(String name, List<String> flags) {
            this(name, flags, new ByteArrayOutputStream(), new ByteArrayOutputStream(), new int[] {-1},
                    new TreeMap<>(), new TreeMap<>());
        }

        String console() {
            return "--- " + name + " (exit " + exit[0] + ")" + System.lineSeparator()
                    + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }
    }

    @TempDir
    static Path dir;

    private static final List<Feed> feeds = new ArrayList<>();
    private static final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void feedThreeWays() throws Exception {
        // One event time for all three feeds, so that they simulate the same sessions under the same ids.
        String from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(Long.parseLong(HOURS)))
                .toString();
        List<String> appSettings = new ArrayList<>();
        if (BurnwatchSettings.DEFINITION.names().contains(ScoreReplay.OUTCOME_DELAY)) {
            appSettings.addAll(List.of("--app-setting", ScoreReplay.OUTCOME_DELAY + "=" + OUTCOME_DELAY));
        } else {
            notes.add("the app has no " + ScoreReplay.OUTCOME_DELAY + " setting: it ran without a hold");
        }
        feeds.add(new Feed("(a) written before the app starts", List.of()));
        feeds.add(new Feed("(b) live via JSON", List.of("--live", "--via", "json")));
        feeds.add(new Feed("(c) live via Avro, outcomes " + OUTCOME_LAG + " late",
                List.of("--live", "--outcome-lag", OUTCOME_LAG)));
        for (int i = 0; i < feeds.size(); i++) {
            Feed feed = feeds.get(i);
            Path json = dir.resolve("score-" + i + ".json");
            List<String> args = new ArrayList<>(List.of("--users", USERS, "--mix", MIX, "--hours", HOURS,
                    "--seed", SEED, "--from", from, "--json", json.toString(),
                    "--data-dir", dir.resolve("data-" + i).toString(), "--timeout", "300"));
            args.addAll(appSettings);
            args.addAll(feed.flags());
            feed.exit()[0] = ScoreReplay.commandLine(new PrintStream(feed.out(), true, StandardCharsets.UTF_8),
                    new PrintStream(feed.err(), true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));
            if (feed.exit()[0] == 0) {
                for (JsonNode session : new ObjectMapper().readTree(json.toFile()).get("sessions")) {
                    String id = session.get("session_id").asText();
                    feed.verdicts().put(id, session.get("persona").asText() + " " + session.get("resolution").asText());
                    List<String> episodes = new ArrayList<>();
                    session.get("episodes").forEach(episode -> episodes.add(episode.asText()));
                    feed.episodes().put(id, String.join(",", episodes));
                }
            }
        }
    }

    @Test
    @DisplayName("every feed runs to its score")
    void everyFeedIsScored() {
        assertThat(feeds).allSatisfy(feed -> assertThat(feed.exit()[0]).as(consoles()).isZero());
        assertThat(feeds.get(0).verdicts().values()).as("alerted sessions of feed (a)%n%s", consoles())
                .anyMatch(verdict -> verdict.startsWith("idle_looper "));
    }

    @Test
    @DisplayName("the three feeds alert the same sessions")
    void sameAlertedSessions() {
        everyFeedIsScored();
        for (Feed feed : feeds.subList(1, feeds.size())) {
            assertThat(feed.verdicts().keySet()).as("alerted sessions of %s against (a)%n%s", feed.name(), consoles())
                    .isEqualTo(feeds.get(0).verdicts().keySet());
        }
    }

    @Test
    @DisplayName("the three feeds resolve every alerted session the same way: OUTCOME, QUIET or pending")
    void sameResolutions() {
        everyFeedIsScored();
        for (Feed feed : feeds.subList(1, feeds.size())) {
            assertThat(feed.verdicts()).as("verdicts of %s against (a)%n%s", feed.name(), consoles())
                    .isEqualTo(feeds.get(0).verdicts());
        }
    }

    private static String consoles() {
        return String.join(System.lineSeparator(), notes) + System.lineSeparator()
                + feeds.stream().map(Feed::console).collect(Collectors.joining(System.lineSeparator()))
                + differences();
    }

    /** The sessions whose verdicts differ between the feeds, one line each. */
    private static String differences() {
        Map<String, List<String>> bySession = new TreeMap<>();
        for (Feed feed : feeds) {
            feed.verdicts().keySet().forEach(session -> bySession.computeIfAbsent(session, s -> new ArrayList<>()));
        }
        StringBuilder out = new StringBuilder(System.lineSeparator()
                + "sessions whose verdicts differ (a | b | c), with their alerts' states in the order opened:");
        bySession.forEach((session, none) -> {
            List<String> verdicts = feeds.stream().map(feed -> feed.verdicts().getOrDefault(session, "-")).toList();
            if (verdicts.stream().distinct().count() > 1) {
                out.append(System.lineSeparator()).append(session).append(": ").append(String.join(" | ", verdicts))
                        .append("   [").append(feeds.stream().map(feed -> feed.episodes().getOrDefault(session, "-"))
                                .collect(Collectors.joining(" | "))).append(']');
            }
        });
        return out.toString();
    }
}
