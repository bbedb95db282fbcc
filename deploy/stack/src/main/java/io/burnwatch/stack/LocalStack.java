package io.burnwatch.stack;

import io.burnwatch.local.FreePort;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.sim.OneLineErrors;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.streams.config.BurnwatchSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * burnwatch on one machine, with one command: a Kafka broker, a schema registry, the streams app and the traffic
 * simulator, all on 127.0.0.1. Prints every alert as it arrives and a status line every five seconds; Ctrl-C or
 * the end of --duration stops everything, newest first.
 */
@Command(name = "burnwatch-stack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a Kafka broker, a schema registry, the burnwatch streams app and the traffic simulator"
                + " on 127.0.0.1, and prints alerts as they arrive.")
public final class LocalStack implements Callable<Integer> {

    private static final String HOST = "127.0.0.1";
    private static final int SIM_USERS = 6;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    private static final long HOOK_WAIT_SECONDS = 150;
    private static final long APP_STOP_SECONDS = 30;
    private static final long SIM_STOP_SECONDS = 15;
    private static final String SERVICE_LOGGING = "-Dlog4j2.configurationFile=log4j2-service.xml";
    /** How far ahead of the clock the app accepts event time: a simulation at speed 10 runs a day ahead in 2.7 h. */
    private static final String SIM_MAX_FUTURE = "3650d";

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
            description = "The streams app's health and status port (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--sim-speed", paramLabel = "FACTOR", defaultValue = "1.0",
            description = "Simulated event time runs FACTOR times as fast as the wall clock (default: ${DEFAULT-VALUE}).")
    private double simSpeed;

    @Option(names = "--seed", defaultValue = "42", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<JavaProcess> children = new CopyOnWriteArrayList<>();

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The command, printing its console output to {@code out} and errors to {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return OneLineErrors.install(new CommandLine(new LocalStack()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Teardown teardown = new Teardown(err);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            // On Ctrl-C the terminal signals every process of the stack at once, the broker too: the app and the
            // simulator get the same head start rather than waiting for their turn.
            children.forEach(JavaProcess::requestStop);
            awaitQuietly(finished, HOOK_WAIT_SECONDS);
            teardown.run();
        }, "burnwatch-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(console, teardown);
        } catch (StackFailure failure) {
            err.println(spec.commandLine().getCommandName() + ": " + failure.getMessage());
            if (!failure.details().isEmpty()) {
                err.println(failure.details());
            }
            return OneLineErrors.EXIT_FAILED;
        } finally {
            console.println("stopping: simulator, streams app, registry, broker");
            teardown.run();
            console.println("stopped");
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and has just been released.
            }
        }
    }

    private int run(PrintWriter console, Teardown teardown) throws Exception {
        DataDir data = teardown.add("data dir", DataDir.open(dataDir));
        Map<String, String> app = BurnwatchSettings.defaults();
        String usageTopic = app.get(BurnwatchSettings.TOPIC_USAGE);
        String outcomesTopic = app.get(BurnwatchSettings.TOPIC_OUTCOMES);
        console.printf("burnwatch local stack | broker %s:%d | registry http://%s:%d | app http://%s:%d"
                        + " | data %s%s%n", HOST, brokerPort, HOST, registryPort, HOST, httpPort, data.path(),
                dataDir == null ? " (deleted at exit)" : "");

        long began = System.nanoTime();
        KafkaBroker broker = teardown.add("broker", KafkaBroker.start(data.resolve("kafka"), brokerPort));
        console.printf("broker ready (%s)%n", since(began));
        if (stopped()) {
            return 0;
        }
        began = System.nanoTime();
        SchemaRegistryServer registry = teardown.add("registry",
                SchemaRegistryServer.start(broker.bootstrapServers(), HOST, registryPort));
        console.printf("registry ready (%s)%n", since(began));
        Admin admin = teardown.add("admin client",
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
        EventTimeAhead.allow(admin);

        began = System.nanoTime();
        JavaProcess streams = child(teardown, JavaProcess.start("streams app",
                List.of("-Xmx1g", SERVICE_LOGGING), "io.burnwatch.streams.BurnwatchApp",
                List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
                        "--http-host", HOST, "--http-port", Integer.toString(httpPort),
                        "--state-dir", data.resolve("streams").toString(), "--create-topics",
                        "--load-default-prices",
                        // A simulator faster than real time stamps events ahead of the clock (see EventTimeAhead).
                        "-D", "burnwatch.validation.max.future=" + SIM_MAX_FUTURE),
                data.resolve("app.log"), APP_STOP_SECONDS));
        URI ready = URI.create("http://" + HOST + ":" + httpPort + "/health/ready");
        if (!Readiness.await(ready, streams, READY_TIMEOUT, this::stopped)) {
            return 0;
        }
        console.printf("streams app ready (%s), log: %s%n", since(began), streams.log());

        if (!noSim) {
            JavaProcess sim = child(teardown, JavaProcess.start("simulator", List.of("-Xmx256m", SERVICE_LOGGING),
                    "io.burnwatch.sim.SimulatorApp",
                    List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
                            "--usage-topic", usageTopic, "--outcomes-topic", outcomesTopic,
                            "--users", Integer.toString(SIM_USERS), "--speed", Double.toString(simSpeed),
                            "--seed", Long.toString(seed)),
                    data.resolve("sim.log"), SIM_STOP_SECONDS));
            console.printf(Locale.ROOT, "simulator running: %d users at speed %s, seed %d; %s runs a looping agent;"
                    + " log: %s%n", SIM_USERS, simSpeed, seed, Cast.of(seed, SIM_USERS).looper().userId(), sim.log());
        } else {
            console.printf("no simulator (--no-sim): produce to %s and %s yourself%n", usageTopic, outcomesTopic);
        }

        AlertFeed alerts = teardown.add("alert feed", new AlertFeed(broker.bootstrapServers(), registry.url(),
                app.get(BurnwatchSettings.TOPIC_ALERTS), app.get(BurnwatchSettings.TOPIC_ROLLUPS_1M), console));
        new Watch(console, alerts, new EventsIn(admin, List.of(usageTopic, outcomesTopic)), children, STATUS_EVERY)
                .run(Duration.ofSeconds(durationSeconds), this::stopped);
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
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw OneLineErrors.problem(commandLine, "--data-dir " + dataDir
                    + " is a file: pass a directory (it is created if missing)");
        }
        List<String> flags = List.of("--broker-port", "--registry-port", "--http-port");
        List<Integer> ports = List.of(brokerPort, registryPort, httpPort);
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

    private JavaProcess child(Teardown teardown, JavaProcess process) {
        children.add(process);
        return teardown.add(process.name(), process);
    }

    private boolean stopped() {
        return stopRequested.getCount() == 0;
    }

    private static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
