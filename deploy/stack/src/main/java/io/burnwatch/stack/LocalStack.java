package io.burnwatch.stack;

import io.burnwatch.local.FreePort;
import io.burnwatch.sim.OneLineErrors;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * burnwatch on one machine, with one command: a Kafka broker, a schema registry, the streams app, the receiver and
 * the traffic simulator, all on 127.0.0.1. Prints every alert as it arrives and a status line every five seconds; Ctrl-C or
 * the end of --duration stops everything, newest first.
 */
@Command(name = "burnwatch-stack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a Kafka broker, a schema registry, the burnwatch streams app and the traffic simulator"
                + " on 127.0.0.1, and prints alerts as they arrive.")
public final class LocalStack implements Callable<Integer> {

    /**
     * A demonstration shows its looping agent caught within two minutes: its fingerprints confirmed after one
     * minute of event time, not ten, and decisions held for 5 s instead of the 5 minutes a production deployment
     * allows its outcomes to arrive late (see docs/detection.md).
     */
    static final Map<String, String> DEMO_SETTINGS = Map.of(
            BurnwatchSettings.IDLE_FINGERPRINT_CONFIRM, "1m",
            BurnwatchSettings.IDLE_OUTCOME_DELAY, "5s");

    private static final String HOST = StackServices.HOST;
    private static final int SIM_USERS = 6;
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    static final String SIM_VIA_KAFKA = "kafka";
    static final String SIM_VIA_RECEIVER = "receiver";

    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Run this long once everything is up, then stop cleanly; 0 runs until Ctrl-C"
                    + " (default: ${DEFAULT-VALUE}).")
    private long durationSeconds;

    @Option(names = "--no-sim", description = "Start the broker, registry and app only; bring your own producers.")
    private boolean noSim;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker, registry and app state here between runs (default: a fresh temporary"
                    + " directory, deleted at exit).")
    private Path dataDir;

    @Option(names = "--broker-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    private int brokerPort;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "The streams app's HTTP port: health, status, metrics and queries (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--receiver-port", defaultValue = "4318",
            description = "The receiver's port: agents' OTLP/HTTP logs and GitHub/GitLab webhooks (default: ${DEFAULT-VALUE}).")
    private int receiverPort;

    @Option(names = "--sim-speed", paramLabel = "FACTOR", defaultValue = "1.0",
            description = "Simulated event time runs FACTOR times as fast as the wall clock (default: ${DEFAULT-VALUE}).")
    private double simSpeed;

    @Option(names = "--seed", defaultValue = "42", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    /**
     * How the simulator reaches the app. Kafka stays the default: the demo then needs nothing but the broker and the
     * registry, and its status line counts the very topics the simulator writes.
     */
    @Option(names = "--sim-via", defaultValue = SIM_VIA_KAFKA, paramLabel = "kafka|receiver",
            description = "kafka: the simulator writes Avro to the usage and outcomes topics; receiver: it sends"
                    + " through the receiver, as companies connect, usage as Claude Code's OTLP logs and outcomes as"
                    + " signed GitHub webhooks (default: ${DEFAULT-VALUE}).")
    private String simVia;

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The command, printing its console output to {@code out} and errors to {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return StackRun.commandLine(new LocalStack(), out, err);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        return new StackRun(spec.commandLine(), StackRun.OnFailure.PRINT_LOG_TAIL)
                .execute("simulator, receiver, streams app, registry, broker", this::run);
    }

    private int run(StackRun run) throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        DataDir data = run.data(dataDir);
        Map<String, String> app = BurnwatchSettings.defaults();
        boolean viaReceiver = SIM_VIA_RECEIVER.equals(simVia);
        String usageTopic = app.get(viaReceiver ? BurnwatchSettings.TOPIC_OTLP_LOGS : BurnwatchSettings.TOPIC_USAGE);
        String outcomesTopic = app.get(viaReceiver ? BurnwatchSettings.TOPIC_WEBHOOKS : BurnwatchSettings.TOPIC_OUTCOMES);
        console.printf("burnwatch local stack | broker %s:%d | registry http://%s:%d | app http://%s:%d"
                        + " | data %s%s%n", HOST, brokerPort, HOST, registryPort, HOST, httpPort, data.path(),
                dataDir == null ? " (deleted at exit)" : "");
        Optional<StackServices> started = StackServices.start(run, data,
                new StackServices.Ports(brokerPort, registryPort, httpPort), console, DEMO_SETTINGS);
        if (started.isEmpty()) {
            return 0;
        }
        StackServices services = started.get();
        if (!services.startReceiver(receiverPort)) {
            return 0;
        }

        if (!noSim) {
            List<String> flags = new ArrayList<>(List.of("--users", Integer.toString(SIM_USERS),
                    "--speed", Double.toString(simSpeed), "--seed", Long.toString(seed)));
            flags.addAll(viaReceiver
                    ? List.of("--via", SIM_VIA_RECEIVER, "--receiver-url", Receiver.url(receiverPort),
                            "--receiver-token-file", data.resolve(Receiver.SETTINGS_FILE).toString(),
                            "--identities-topic", app.get(BurnwatchSettings.TOPIC_IDENTITIES))
                    : List.of("--usage-topic", usageTopic, "--outcomes-topic", outcomesTopic));
            JavaProcess sim = services.startSimulator("simulator", "-Xmx256m", flags);
            console.printf(Locale.ROOT, "simulator running: %d users at speed %s, seed %d, via %s; %s runs a looping"
                    + " agent; log: %s%n", SIM_USERS, simSpeed, seed,
                    viaReceiver ? "the receiver (OTLP logs, GitHub webhooks)" : "Kafka",
                    Cast.of(seed, SIM_USERS).looper().userId(), sim.log());
        } else {
            console.printf("no simulator (--no-sim): produce to %s and %s yourself%n", usageTopic, outcomesTopic);
        }

        AlertFeed alerts = run.add("alert feed", new AlertFeed(services.bootstrapServers(), services.registryUrl(),
                app.get(BurnwatchSettings.TOPIC_ALERTS), app.get(BurnwatchSettings.TOPIC_ROLLUPS_1M), console));
        new Watch(console, alerts, new EventsIn(services.admin(), List.of(usageTopic, outcomesTopic)), run.children(),
                STATUS_EVERY).run(Duration.ofSeconds(durationSeconds), run::stopped);
        return 0;
    }

    private void validate() {
        CommandLine commandLine = spec.commandLine();
        if (durationSeconds < 0) {
            throw OneLineErrors.problem(commandLine, "--duration " + durationSeconds
                    + " is negative: pass seconds to run, or 0 to run until Ctrl-C");
        }
        if (!(simSpeed > 0) || Double.isInfinite(simSpeed)) {
            throw OneLineErrors.problem(commandLine, "--sim-speed " + simSpeed
                    + " is not a positive factor: pass e.g. --sim-speed 1 (real time) or --sim-speed 10");
        }
        if (!SIM_VIA_KAFKA.equals(simVia) && !SIM_VIA_RECEIVER.equals(simVia)) {
            throw OneLineErrors.problem(commandLine, "--sim-via " + simVia + " is not a way in: pass kafka or receiver");
        }
        if (noSim && SIM_VIA_RECEIVER.equals(simVia)) {
            throw OneLineErrors.problem(commandLine, "--sim-via receiver starts a simulator, which --no-sim leaves out:"
                    + " pass one of them");
        }
        DataDir.requireUsable(commandLine, dataDir);
        List<String> flags = List.of("--broker-port", "--registry-port", "--http-port", "--receiver-port");
        List<Integer> ports = List.of(brokerPort, registryPort, httpPort, receiverPort);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            if (port < 1 || port > 65_535) {
                throw OneLineErrors.problem(commandLine, flags.get(i) + " " + port
                        + " is not a port: pass a number from 1 to 65535");
            }
            if (seen.contains(port)) {
                throw OneLineErrors.problem(commandLine, flags.get(i) + " " + port + " is also "
                        + flags.get(seen.indexOf(port)) + ": give each service its own port");
            }
            seen.add(port);
        }
        for (int i = 0; i < ports.size(); i++) {
            try {
                FreePort.requireFree(HOST, ports.get(i), flags.get(i));
            } catch (IllegalStateException taken) {
                throw OneLineErrors.problem(commandLine, taken.getMessage());
            }
        }
    }

}
