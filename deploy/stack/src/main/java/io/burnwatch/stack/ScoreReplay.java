package io.burnwatch.stack;

import io.burnwatch.local.Await;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.sim.OneLineErrors;
import io.burnwatch.sim.SimFlags;
import io.burnwatch.sim.publish.Via;
import io.burnwatch.sim.score.Score;
import io.burnwatch.sim.score.Scoring;
import io.burnwatch.sim.score.TopicSnapshot;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.config.Durations;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores burnwatch on a replay: starts a fresh broker, registry and streams app as the local stack does, replays
 * a span of simulated traffic into them, waits until the app has processed all of it, then scores the alerts
 * against the simulator's ground truth and stops everything. By default the whole replay is written before the app
 * starts; with {@code --live} the app runs first and consumes while the simulator writes as fast as it can, so that
 * outcomes may reach the detector after usage of a later event time, as they do in production.
 */
@Command(name = "score-replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays simulated traffic into a fresh local broker, registry and streams app, waits until"
                + " the app has processed all of it, and scores its alerts against the simulator's ground truth:"
                + " per persona, sessions, alerted and pending sessions, sessions resolved by outcome, precision,"
                + " recall and detection delay.",
                "By default the replay is written before the app starts; --live starts the app first and feeds it"
                        + " while it runs."})
public final class ScoreReplay implements Callable<Integer> {

    private static final Map<String, String> APP = BurnwatchSettings.defaults();
    private static final String TRUTH_TOPIC = "burnwatch.truth";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** The app's hold on idle-loop decisions, in wall time, while outcomes may still come. */
    static final String OUTCOME_DELAY = "burnwatch.idle.outcome.delay";
    /** Waited after catching up beyond the app's outcome delay: a commit of the released decisions and then some. */
    static final Duration SETTLE_MARGIN = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Simulated users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--hours", defaultValue = "12", paramLabel = "H",
            description = "Hours of event time to replay (default: ${DEFAULT-VALUE}).")
    private double hours;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--mix", paramLabel = "ROLE=WEIGHT,...",
            description = "Persona weights, from light, heavy, runner, idle, jitter, stuffer (default: the"
                    + " simulator's, light=50,heavy=25,runner=5,idle=5,jitter=5,stuffer=10).")
    private String mix;

    @Option(names = "--from", paramLabel = "ISO-INSTANT",
            description = "Event time of the first event, e.g. 2026-01-05T00:00:00Z (default: now minus --hours).")
    private String from;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the score as JSON to FILE.")
    private Path json;

    @Option(names = "--live",
            description = "Start the app first and replay while it runs, at the simulator's max rate, rather than"
                    + " write the whole replay before the app starts.")
    private boolean live;

    @Option(names = "--via", defaultValue = "avro", paramLabel = "avro|json",
            description = "How the simulator sends usage and outcomes: Avro to burnwatch.usage and burnwatch.outcomes,"
                    + " or JSON to burnwatch.usage.json and burnwatch.outcomes.json (default: ${DEFAULT-VALUE}).")
    private String via;

    @Option(names = "--outcome-lag", defaultValue = "0", paramLabel = "DURATION",
            description = "Send each outcome this much wall time after the usage of the same event time, e.g. 20s"
                    + " (default: ${DEFAULT-VALUE}).")
    private String outcomeLag;

    @Option(names = "--app-setting", paramLabel = "KEY=VALUE",
            description = "A setting of the streams app, e.g. " + OUTCOME_DELAY + "=20s; repeatable. Before scoring,"
                    + " the run waits " + OUTCOME_DELAY + " (as set, or the app's default) and "
                    + "10 s more after the app has caught up.")
    private List<String> appSettings = new ArrayList<>();

    @Mixin
    private ReplayDataDir dataDir = new ReplayDataDir();

    @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
            description = "How long the replay, and then the app's catching up, may each take"
                    + " (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The command, printing its console output to {@code out} and errors to {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return StackRun.commandLine(new ScoreReplay(), out, err);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        return new StackRun(spec.commandLine(), StackRun.OnFailure.ONE_LINE_KEEP_LOGS)
                .execute("simulator, streams app, registry, broker", this::run);
    }

    private int run(StackRun run) throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Map<String, String> settings = appSettings();
        Duration settle = outcomeDelay(settings).plus(SETTLE_MARGIN);
        Optional<StackServices> started =
                StackServices.startForReplay(run, dataDir.path, "burnwatch replay score", console);
        if (started.isEmpty()) {
            return OneLineErrors.EXIT_FAILED;
        }
        StackServices services = started.get();
        String replayed;
        String caughtUp;
        long events;
        long began;
        if (live) {
            // The app consumes while the simulator writes: outcomes may reach the detector after later usage.
            if (!services.startApp(List.of("-Xmx1g"), settings)) {
                return OneLineErrors.EXIT_FAILED;
            }
            began = System.nanoTime();
            events = replay(services, console);
            replayed = StackServices.since(began);
            console.printf(Locale.ROOT, "replay: %,d events sent live in %s%n", events, replayed);
            if (run.stopped()) {
                return OneLineErrors.EXIT_FAILED;
            }
            began = System.nanoTime();
            if (!catchUp(run, services, console)) {
                return OneLineErrors.EXIT_FAILED;
            }
            caughtUp = StackServices.since(began);
            console.printf(Locale.ROOT, "catch-up: the app processed all %,d events %s after the replay ended%n",
                    events, caughtUp);
        } else {
            // The whole replay is in the topics before the app starts, so that it reads the same input in the same
            // order on every run, and the replay and the app do not compete for the cores.
            began = System.nanoTime();
            events = replay(services, console);
            replayed = StackServices.since(began);
            console.printf(Locale.ROOT, "replay: %,d events sent in %s%n", events, replayed);
            if (run.stopped()) {
                return OneLineErrors.EXIT_FAILED;
            }
            began = System.nanoTime();
            if (!services.startApp(List.of("-Xmx1g"), settings) || !catchUp(run, services, console)) {
                return OneLineErrors.EXIT_FAILED;
            }
            caughtUp = StackServices.since(began);
            console.printf(Locale.ROOT,
                    "catch-up: the app started and processed all %,d events in %s (%,.0f events/s)%n",
                    events, caughtUp, events / ((System.nanoTime() - began) / 1e9));
        }

        began = System.nanoTime();
        if (!settle(run, services, settle, console) || !catchUp(run, services, console)) {
            return OneLineErrors.EXIT_FAILED;
        }
        String settled = StackServices.since(began);

        began = System.nanoTime();
        Score score = score(services);
        console.print(score.table());
        if (json != null) {
            Files.writeString(json, score.json() + System.lineSeparator());
            console.printf("score written to %s%n", json);
        }
        console.printf("timings: replay %s | catch-up %s | settle %s | score %s%n", replayed, caughtUp, settled,
                StackServices.since(began));
        console.flush();
        return 0;
    }

    /**
     * Lets the app run {@code settle} longer, so that decisions it holds in wall time are released; false if
     * Ctrl-C came first.
     */
    private boolean settle(StackRun run, StackServices services, Duration settle, PrintWriter console) {
        console.printf(Locale.ROOT, "settling: %s s for the app to release held decisions%n", settle.toSeconds());
        console.flush();
        long until = System.nanoTime() + settle.toNanos();
        await("the app to settle", run, () -> {
            services.app().requireRunning();
            return System.nanoTime() - until >= 0;
        });
        return !run.stopped();
    }

    /** The app settings of {@code --app-setting}, in order. */
    private Map<String, String> appSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : appSettings) {
            int equals = setting.indexOf('=');
            settings.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return settings;
    }

    /** How long the app holds idle-loop decisions: as set, else its default, else nothing (it holds none). */
    static Duration outcomeDelay(Map<String, String> settings) {
        String delay = settings.getOrDefault(OUTCOME_DELAY, APP.get(OUTCOME_DELAY));
        return delay == null ? Duration.ZERO : Durations.parse(delay);
    }

    /** Runs the simulator's replay to its end; returns the events it sent. */
    private long replay(StackServices services, PrintWriter console) throws Exception {
        Via transport = Via.parse(via);
        console.printf(Locale.ROOT, "replaying %s h of %d users (seed %d%s)%s via %s, outcome lag %s, log: %s%n",
                hours, users, seed, mix == null ? "" : ", mix " + mix, live ? " live" : " before the app starts",
                transport.name().toLowerCase(Locale.ROOT), outcomeLag, services.simulatorLog());
        console.flush();
        services.runSimulator("simulator", "-Xmx1g", simulatorArgs(transport), Duration.ofSeconds(timeoutSeconds));
        return new EventsIn(services.admin(), transport == Via.JSON
                ? List.of(APP.get(BurnwatchSettings.TOPIC_USAGE_JSON), APP.get(BurnwatchSettings.TOPIC_OUTCOMES_JSON))
                : List.of(APP.get(BurnwatchSettings.TOPIC_USAGE), APP.get(BurnwatchSettings.TOPIC_OUTCOMES))).count();
    }

    /** Waits until the app has no lag left; false if Ctrl-C came first. */
    private boolean catchUp(StackRun run, StackServices services, PrintWriter console) {
        ConsumerLag lag = new ConsumerLag(services.admin(), APP.get(StreamsConfig.APPLICATION_ID_CONFIG),
                List.of(APP.get(BurnwatchSettings.TOPIC_USAGE), APP.get(BurnwatchSettings.TOPIC_OUTCOMES),
                        APP.get(BurnwatchSettings.TOPIC_USAGE_JSON), APP.get(BurnwatchSettings.TOPIC_OUTCOMES_JSON)));
        long[] nextProgress = {System.nanoTime() + PROGRESS_EVERY.toNanos()};
        await("the streams app to catch up", run, () -> {
            services.app().requireRunning();
            long behind = lag.records();
            if (behind > 0 && System.nanoTime() - nextProgress[0] >= 0) {
                console.printf(Locale.ROOT, "catching up: %,d records to go%n", behind);
                console.flush();
                nextProgress[0] += PROGRESS_EVERY.toNanos();
            }
            return behind == 0;
        });
        return !run.stopped();
    }

    /** Scores the alerts the app wrote against the ground truth the simulator wrote. */
    private Score score(StackServices services) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        client.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        List<SessionTruth> truths = TopicSnapshot.read(client, TRUTH_TOPIC,
                new SpecificAvroDeserializer<>(SessionTruth.class), timeout);
        List<Alert> alerts = TopicSnapshot.read(client, APP.get(BurnwatchSettings.TOPIC_ALERTS),
                new SpecificAvroDeserializer<>(Alert.class), timeout);
        return Scoring.score(truths, alerts);
    }

    private List<String> simulatorArgs(Via transport) {
        boolean viaJson = transport == Via.JSON;
        List<String> args = new ArrayList<>(List.of("--via", transport.name().toLowerCase(Locale.ROOT),
                "--usage-topic", APP.get(viaJson ? BurnwatchSettings.TOPIC_USAGE_JSON : BurnwatchSettings.TOPIC_USAGE),
                "--outcomes-topic",
                APP.get(viaJson ? BurnwatchSettings.TOPIC_OUTCOMES_JSON : BurnwatchSettings.TOPIC_OUTCOMES),
                "--outcome-lag", outcomeLag,
                "--truth-topic", TRUTH_TOPIC, "--mode", "replay", "--rate", "max",
                "--users", Integer.toString(users), "--hours", Double.toString(hours), "--seed", Long.toString(seed)));
        if (mix != null) {
            args.addAll(List.of("--mix", mix));
        }
        if (from != null) {
            args.addAll(List.of("--from", from));
        }
        return args;
    }

    /** Waits until {@code done} or Ctrl-C; a timeout is a failure that names the flag to raise. */
    private void await(String what, StackRun run, BooleanSupplier done) {
        try {
            Await.until(Duration.ofSeconds(timeoutSeconds), what, () -> run.stopped() || done.getAsBoolean());
        } catch (AssertionError timedOut) {
            throw new StackFailure(timedOut.getMessage() + ": pass a larger --timeout, or replay less");
        }
    }

    private void validate() {
        CommandLine commandLine = spec.commandLine();
        SimFlags.requireUsers(commandLine, users);
        SimFlags.requireHours(commandLine, hours);
        if (mix != null) {
            SimFlags.mix(commandLine, mix);
        }
        SimFlags.requireFrom(commandLine, from);
        SimFlags.via(commandLine, via);
        SimFlags.outcomeLag(commandLine, outcomeLag);
        for (String setting : appSettings) {
            int equals = setting.indexOf('=');
            String key = equals < 0 ? setting : setting.substring(0, equals).strip();
            if (equals <= 0) {
                throw OneLineErrors.problem(commandLine, "--app-setting " + setting
                        + " is not KEY=VALUE: pass e.g. --app-setting " + OUTCOME_DELAY + "=20s");
            }
            if (key.startsWith("burnwatch.") && !BurnwatchSettings.DEFINITION.names().contains(key)) {
                throw OneLineErrors.problem(commandLine, "--app-setting " + setting + ": the streams app has no"
                        + " setting " + key + "; check the spelling, or build the app that has it");
            }
        }
        try {
            outcomeDelay(appSettings());
        } catch (IllegalArgumentException e) {
            throw OneLineErrors.problem(commandLine, "--app-setting " + OUTCOME_DELAY + ": " + e.getMessage());
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (Files.isDirectory(json) || parent == null || !Files.isDirectory(parent)) {
                throw OneLineErrors.problem(commandLine, "--json " + json
                        + " cannot be written: pass a file in an existing directory");
            }
        }
        if (timeoutSeconds <= 0) {
            throw OneLineErrors.problem(commandLine,
                    "--timeout " + timeoutSeconds + " is not positive: pass seconds, e.g. --timeout 1800");
        }
        DataDir.requireUsable(commandLine, dataDir.path);
    }
}
