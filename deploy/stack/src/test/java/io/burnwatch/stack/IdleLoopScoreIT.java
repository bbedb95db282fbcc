package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.sim.score.Scoring;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDLE_LOOP detector scored on a replay on a real broker: 40 users of every persona over 8 hours of event
 * time, long enough for autonomous runners to finish a run with a pull request.
 */
@DisplayName("Idle-loop detection scored on a simulated replay")
class IdleLoopScoreIT {

    private static final String MIX = "light=27,heavy=1,runner=2,idle=1,jitter=2,stuffer=7";
    private static final String USERS = "40";
    private static final String HOURS = "8";

    @TempDir
    static Path dir;

    private static final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private static final Map<String, JsonNode> personas = new HashMap<>();
    private static int exit;

    @BeforeAll
    static void replayAndScore() throws Exception {
        Path json = dir.resolve("score.json");
        exit = ScoreReplay.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute("--users", USERS, "--mix", MIX,
                "--hours", HOURS, "--seed", "42", "--json", json.toString(), "--data-dir", dir.resolve("data").toString(),
                "--app-setting", "burnwatch.idle.outcome.delay=5s", "--timeout", "300");
        if (exit == 0) {
            new ObjectMapper().readTree(json.toFile()).get("personas")
                    .forEach(row -> personas.put(row.get("persona").asText(), row));
        }
    }

    @Test
    @DisplayName("the replay runs, is scored with every persona in it, and everything stops")
    void runsToTheEnd() {
        assertThat(exit).as("exit code; stderr: %s; console:%n%s", err, console()).isZero();
        assertThat(personas).containsOnlyKeys("light_user", "heavy_user", "autonomous_runner", "idle_looper",
                "jittered_looper", "context_stuffer", Scoring.ALL);
        assertThat(console()).contains("timings: replay ").endsWith("stopped" + System.lineSeparator());
    }

    @Test
    @DisplayName("precision and recall over all sessions are at least 0.99")
    void precisionAndRecall() {
        JsonNode all = row(Scoring.ALL);

        assertThat(all.get("precision").asDouble()).as("precision; score:%n%s", console()).isGreaterThanOrEqualTo(0.99);
        assertThat(all.get("recall").asDouble()).as("recall; score:%n%s", console()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    @DisplayName("no alert on productive heavy users, light users or context stuffers")
    void noFalseAlarms() {
        for (String persona : new String[] {"heavy_user", "light_user", "context_stuffer"}) {
            assertThat(row(persona).get("alerted_sessions").asInt()).as("%s alerted; score:%n%s", persona, console())
                    .isZero();
        }
    }

    @Test
    @DisplayName("every autonomous runner alert that is not pending was resolved by its pull request, and one was")
    void runnersResolvedByTheirPullRequest() {
        JsonNode runners = row("autonomous_runner");

        assertThat(runners.get("resolved_by_outcome").asInt()).as("score:%n%s", console())
                .isEqualTo(runners.get("alerted_sessions").asInt())
                .isPositive();
    }

    private static JsonNode row(String persona) {
        assertThat(personas).as("exit code %d; stderr: %s", exit, err).containsKey(persona);
        return personas.get(persona);
    }

    private static String console() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
