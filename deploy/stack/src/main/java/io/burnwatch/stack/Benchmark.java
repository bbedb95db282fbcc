package io.burnwatch.stack;

import io.burnwatch.sim.OneLineErrors;
import io.burnwatch.sim.SimFlags;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmarks burnwatch on a fresh local broker: loads simulated traffic into the input topics, measures how fast
 * a pass-through app and then burnwatch's full topology work through it with exactly-once processing, then the
 * latency of alerts while traffic comes in in real time, the app's memory, its state per session and how long it
 * takes to restart with and without that state; prints the results and writes them to a JSON file.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads simulated traffic into a fresh local broker and measures burnwatch on it: the"
                + " processing rate of the full topology and of a pass-through topology over the same records"
                + " (exactly-once, from the first commit until no lag is left), alert latency at a steady real-time"
                + " input rate (p50/p95/p99), heap and RSS, state bytes per session, and how long a restart takes"
                + " to reach RUNNING on local state and restoring from the changelogs. Writes the results as JSON."})
public final class Benchmark implements Callable<Integer> {

    private static final String PASS_THROUGH_TOPIC = "burnwatch.bench.pass-through";
    private static final long CHILD_STOP_SECONDS = 30;
    private static final String SIM_HEAP = "-Xmx2g";
    private static final long WARM_UP_SECONDS = 10;

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", defaultValue = "2000000", paramLabel = "N",
            description = "Events to load: usage, and the outcomes that come with it (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--users", defaultValue = "100000", paramLabel = "N",
            description = "Simulated users the loaded events come from (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--heap", defaultValue = "512m", paramLabel = "SIZE",
            description = "The streams app's maximum heap, as -Xmx takes it (default: ${DEFAULT-VALUE}).")
    private String heap;

    @Option(names = "--latency-users", defaultValue = "5000", paramLabel = "N",
            description = "Users sending in real time while alert latency is measured; 5%% of them run idle loops"
                    + " (default: ${DEFAULT-VALUE}).")
    private int latencyUsers;

    @Option(names = "--latency-seconds", defaultValue = "150", paramLabel = "SECONDS",
            description = "How long they send (default: ${DEFAULT-VALUE}).")
    private long latencySeconds;

    @Option(names = {"-D", "--setting"}, paramLabel = "KEY=VALUE",
            description = "A setting for the streams app and the pass-through app alike, e.g. -D commit.interval.ms=200.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--app-jvm-option", paramLabel = "OPTION",
            description = "An option for the streams app's JVM, e.g. to profile it:"
                    + " --app-jvm-option=-XX:StartFlightRecording=filename=app.jfr,settings=profile")
    private List<String> appJvmOptions = new ArrayList<>();

    @Option(names = "--json", defaultValue = "benchmark.json", paramLabel = "FILE",
            description = "Where to write the results (default: ${DEFAULT-VALUE}).")
    private Path json;

    @Mixin
    private ReplayDataDir dataDir = new ReplayDataDir();

    @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
            description = "How long each phase may take (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return StackRun.commandLine(new Benchmark(), out, err);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        return new StackRun(spec.commandLine(), StackRun.OnFailure.ONE_LINE_KEEP_LOGS)
                .execute("streams app, registry, broker", this::run);
    }

    private int run(StackRun run) throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Optional<StackServices> started =
                StackServices.startForReplay(run, dataDir.path, "burnwatch benchmark", console);
        if (started.isEmpty()) {
            return OneLineErrors.EXIT_FAILED;
        }
        StackServices services = started.get();
        DataDir data = run.data();
        // The figures are the engine's: idle-loop decisions on arrival, unless -D sets an outcome delay. With the
        // default delay, every event is also put into and deleted from a held-events store, and decisions and
        // alerts come that delay later (docs/detection.md).
        settings.putIfAbsent(BurnwatchSettings.IDLE_OUTCOME_DELAY, "0s");
        BurnwatchConfig app = BurnwatchConfig.of(settings);
        EventsIn input = new EventsIn(services.admin(), List.of(app.usageTopic(), app.outcomesTopic()));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);

        long began = System.nanoTime();
        services.runSimulator("simulator (load)", SIM_HEAP, List.of("--mode", "replay", "--rate", "max", "--users",
                Integer.toString(users), "--seed", Long.toString(seed), "--from", loadFrom().toString(),
                "--hours", "24", "--events", Long.toString(events)), timeout);
        long loaded = input.count();
        console.printf(Locale.ROOT, "load: %,d events of %,d users in %s%n", loaded, users, StackServices.since(began));

        createPassThroughTopic(services, app.topicPartitions());
        JavaProcess passThrough = run.child(JavaProcess.start("pass-through app", List.of("-Xmx" + heap,
                        StackServices.SERVICE_LOGGING), PassThroughApp.class.getName(), passThroughArgs(services, data),
                data.resolve("pass-through.log"), CHILD_STOP_SECONDS));
        ProcessingRate ceiling = ProcessingRate.measure(new ConsumerLag(services.admin(), PassThroughApp.APPLICATION_ID,
                List.of(app.usageTopic(), app.outcomesTopic())), loaded, timeout, passThrough);
        passThrough.close();
        console.printf(Locale.ROOT, "pass-through: %s%n", ceiling);

        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        jvm.addAll(appJvmOptions);
        if (!services.startApp(jvm, settings)) {
            return OneLineErrors.EXIT_FAILED;
        }
        ConsumerLag appLag = new ConsumerLag(services.admin(), app.applicationId(), List.of(app.usageTopic(),
                app.outcomesTopic(), app.usageJsonTopic(), app.outcomesJsonTopic()));
        try (AppFootprint memory = new AppFootprint(() -> services.app().pid(), services.appUri("/metrics"))) {
            ProcessingRate full = ProcessingRate.measure(appLag, loaded, timeout, services.app());
            console.printf(Locale.ROOT, "full topology: %s; %.2f of pass-through%n", full,
                    full.perSecond() / ceiling.perSecond());

            services.stopApp();
            StateFootprint state = StateFootprint.of(services.stateDir(), services.bootstrapServers(),
                    app.applicationId());
            console.printf(Locale.ROOT, "state: %,d bytes for %,d sessions, %,.0f bytes per session (session store"
                    + " %,.0f)%n", state.stateBytes(), state.sessions(), state.bytesPerSession(),
                    state.sessionStoreBytesPerSession());

            // Restarted with the latency phase's settings, the restored app goes on to that phase.
            Optional<RestartTime> restarted = RestartTime.measure(services, app.applicationId(), jvm,
                    latencySettings());
            if (restarted.isEmpty()) {
                return OneLineErrors.EXIT_FAILED;
            }
            RestartTime restart = restarted.get();
            console.printf(Locale.ROOT, "restart: RUNNING after %.1f s on local state; %.1f s restoring from"
                    + " changelogs (%,d bytes of changelog records)%n", restart.localSeconds(),
                    restart.restoreSeconds(), restart.changelogBytes());

            LatencyRun latency = measureLatency(services, app, appLag, input, timeout);
            console.printf(Locale.ROOT, "alert latency: %,d OPEN alerts %s at %,.0f events/s: p50 %d ms, p95 %d ms,"
                    + " p99 %d ms, max %d ms%n", latency.percentiles().alerts(), latency.percentiles().kinds(),
                    latency.eventsPerSecond(), latency.percentiles().p50Ms(), latency.percentiles().p95Ms(),
                    latency.percentiles().p99Ms(), latency.percentiles().maxMs());
            console.printf(Locale.ROOT, "memory: heap %s, peak heap used %,d MiB, peak live data after a full"
                    + " collection %,d MiB, peak RSS %,d MiB%n", heap, memory.peakHeapBytes() >> 20,
                    memory.peakLiveBytes() >> 20, memory.peakRssBytes() >> 20);
            BenchmarkResults results = new BenchmarkResults(loaded, users, app.topicPartitions(), settings, ceiling,
                    full, latency, heap, memory, state, restart);
            Files.writeString(json, results.json() + System.lineSeparator());
            console.printf("results written to %s%n", json);
        }
        console.flush();
        return 0;
    }

    /**
     * The settings of the latency phase: unless set with -D, a one-minute fingerprint confirmation, so that the
     * phase sees its loopers' alerts within its few minutes.
     */
    private Map<String, String> latencySettings() {
        Map<String, String> latency = new LinkedHashMap<>(settings);
        latency.putIfAbsent(BurnwatchSettings.IDLE_FINGERPRINT_CONFIRM, "1m");
        return latency;
    }

    /** The OPEN alerts' latency while {@code --latency-users} send in real time for {@code --latency-seconds}. */
    record LatencyRun(AlertLatency.Percentiles percentiles, long events, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private LatencyRun measureLatency(StackServices services, BurnwatchConfig app, ConsumerLag appLag, EventsIn input,
                                      Duration timeout) throws Exception {
        try (AlertLatency latency = new AlertLatency(services.bootstrapServers(), services.registryUrl(),
                app.alertsTopic())) {
            // Loaded traffic is a day old: the first real-time records move stream time a day on, which closes
            // every loaded window at once. That burst is processed before the measurement starts.
            services.runSimulator("simulator (real-time warm-up)", SIM_HEAP, List.of("--mode", "realtime", "--users",
                    Integer.toString(latencyUsers), "--seed", Long.toString(seed + 2), "--duration",
                    Long.toString(WARM_UP_SECONDS)), timeout);
            ProcessingRate.measure(appLag, 0, timeout, services.app());
            long before = input.count();
            long began = System.nanoTime();
            latency.start();
            services.runSimulator("simulator (real-time traffic)", SIM_HEAP, List.of("--mode", "realtime", "--users",
                    Integer.toString(latencyUsers), "--seed", Long.toString(seed + 1), "--duration",
                    Long.toString(latencySeconds)), timeout);
            double seconds = (System.nanoTime() - began) / 1e9;
            long sent = input.count() - before;
            ProcessingRate.measure(appLag, 0, timeout, services.app());
            latency.awaitCaughtUp(timeout);
            return new LatencyRun(latency.percentiles(), sent, seconds);
        }
    }

    /** Loaded traffic starts a day ago, so that it never reaches past the wall clock. */
    private static Instant loadFrom() {
        return Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
    }

    private List<String> passThroughArgs(StackServices services, DataDir data) {
        List<String> args = new ArrayList<>(List.of(services.bootstrapServers(),
                data.resolve("pass-through").toString(), PASS_THROUGH_TOPIC));
        settings.forEach((key, value) -> args.add(key + "=" + value));
        return args;
    }

    private static void createPassThroughTopic(StackServices services, int partitions) throws InterruptedException {
        try {
            services.admin().createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, partitions, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackFailure("Cannot create " + PASS_THROUGH_TOPIC + ": " + e.getMessage());
        }
    }

    private void validate() {
        CommandLine commandLine = spec.commandLine();
        if (events <= 0) {
            throw OneLineErrors.problem(commandLine, "--events " + events + " is not positive: pass e.g. --events 2000000");
        }
        SimFlags.requireUsers(commandLine, users);
        SimFlags.requireUsers(commandLine, latencyUsers);
        if (latencySeconds <= 0 || timeoutSeconds <= 0) {
            throw OneLineErrors.problem(commandLine, "--latency-seconds and --timeout take positive seconds,"
                    + " e.g. --latency-seconds 150 --timeout 1800");
        }
        if (!heap.matches("\\d+[kmgKMG]?")) {
            throw OneLineErrors.problem(commandLine, "--heap " + heap + " is not a heap size: pass e.g. --heap 512m");
        }
        try {
            BurnwatchConfig.of(settings);
        } catch (ConfigException e) {
            throw OneLineErrors.problem(commandLine, "-D " + e.getMessage());
        }
        Path parent = json.toAbsolutePath().getParent();
        if (Files.isDirectory(json) || parent == null || !Files.isDirectory(parent)) {
            throw OneLineErrors.problem(commandLine, "--json " + json + " cannot be written: pass a file in an existing"
                    + " directory");
        }
        DataDir.requireUsable(commandLine, dataDir.path);
    }
}
