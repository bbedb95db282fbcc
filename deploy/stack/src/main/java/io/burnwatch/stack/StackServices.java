package io.burnwatch.stack;

import io.burnwatch.local.Await;
import io.burnwatch.local.FreePort;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What a stack runs on, started in order: a Kafka broker, a schema registry and the streams app (creating its
 * topics and loading the default prices), on 127.0.0.1, each stopped when the run ends.
 */
final class StackServices {

    static final String HOST = "127.0.0.1";
    /** Logging of the child JVMs: their output goes to a log file in the data directory. */
    static final String SERVICE_LOGGING = "-Dlog4j2.configurationFile=log4j2-service.xml";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How far ahead of the clock the app accepts event time: a simulation at speed 10 runs a day ahead in 2.7 h. */
    private static final String SIM_MAX_FUTURE = "3650d";
    /** How long the simulator may take to flush and exit when asked to stop. */
    private static final long SIM_STOP_SECONDS = 15;

    /** The ports to listen on; 0 lets the broker and the registry pick a free one. */
    record Ports(int broker, int registry, int http) {
    }

    private final StackRun run;
    private final DataDir data;
    private final Ports ports;
    private final PrintWriter console;
    private final KafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final Admin admin;
    private JavaProcess app;

    private StackServices(StackRun run, DataDir data, Ports ports, PrintWriter console, KafkaBroker broker,
                          SchemaRegistryServer registry, Admin admin) {
        this.run = run;
        this.data = data;
        this.ports = ports;
        this.console = console;
        this.broker = broker;
        this.registry = registry;
        this.admin = admin;
    }

    /**
     * Starts all of them, the app with {@code appSettings} on top of the stack's, printing when each is ready.
     *
     * @return empty if the run was asked to stop first
     * @throws StackFailure if one of them cannot start
     */
    static Optional<StackServices> start(StackRun run, DataDir data, Ports ports, PrintWriter console,
                                         Map<String, String> appSettings) throws Exception {
        Optional<StackServices> kafka = startKafka(run, data, ports, console);
        if (kafka.isEmpty() || !kafka.get().startApp(List.of("-Xmx1g"), appSettings)) {
            return Optional.empty();
        }
        return kafka;
    }

    /**
     * Starts the broker and the registry only, printing when each is ready; {@link #startApp} starts the app.
     *
     * @return empty if the run was asked to stop first
     */
    static Optional<StackServices> startKafka(StackRun run, DataDir data, Ports ports, PrintWriter console)
            throws Exception {
        long began = System.nanoTime();
        KafkaBroker broker = run.add("broker", KafkaBroker.start(data.resolve("kafka"), ports.broker()));
        console.printf("broker ready (%s)%n", since(began));
        if (run.stopped()) {
            return Optional.empty();
        }
        began = System.nanoTime();
        SchemaRegistryServer registry = run.add("registry",
                SchemaRegistryServer.start(broker.bootstrapServers(), HOST, ports.registry()));
        console.printf("registry ready (%s)%n", since(began));
        Admin admin = run.add("admin client",
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
        EventTimeAhead.allow(admin);
        return Optional.of(new StackServices(run, data, ports, console, broker, registry, admin));
    }

    /**
     * Opens the run's data directory, prints the {@code title} line, starts the broker and the registry on fresh
     * ports with an app port picked for later, and creates burnwatch's topics: what a command that fills the topics
     * before it starts the app begins with.
     *
     * @return empty if the run was asked to stop first
     */
    static Optional<StackServices> startForReplay(StackRun run, Path dataDir, String title, PrintWriter console)
            throws Exception {
        DataDir data = run.data(dataDir);
        console.printf("%s | data %s%s%n", title, data.path(),
                dataDir == null ? " (deleted at exit unless a part fails)" : "");
        Optional<StackServices> started = startKafka(run, data, new Ports(0, 0, FreePort.pick()), console);
        started.ifPresent(StackServices::createTopics);
        return started;
    }

    /** Creates burnwatch's topics as the app does when it starts, for producers that come before it. */
    void createTopics() {
        new BurnwatchTopics(BurnwatchConfig.of(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))).ensure(admin);
    }

    /**
     * Starts the streams app and waits until it is ready.
     *
     * @return false if the run was asked to stop first
     * @throws StackFailure if it exits or is not ready in time
     */
    boolean startApp() throws Exception {
        return startApp(List.of("-Xmx1g"), Map.of());
    }

    /**
     * Starts the streams app with {@code jvmOptions} and {@code settings} on top of the stack's, and waits until
     * it is ready.
     *
     * @return false if the run was asked to stop first
     * @throws StackFailure if it exits or is not ready in time
     */
    boolean startApp(List<String> jvmOptions, Map<String, String> settings) throws Exception {
        long began = System.nanoTime();
        Map<String, String> all = new LinkedHashMap<>(settings);
        // A simulator faster than real time stamps events ahead of the clock (see EventTimeAhead).
        all.putIfAbsent("burnwatch.validation.max.future", SIM_MAX_FUTURE);
        // ... and its windows close by those events' time, not by the wall clock.
        all.putIfAbsent("burnwatch.rollup.max.lead", SIM_MAX_FUTURE);
        app = run.child(StreamsApp.start("streams app", jvmOptions, broker.bootstrapServers(), registry.url(),
                ports.http(), stateDir(), data.resolve("app.log"), all));
        if (!Readiness.await(StreamsApp.ready(ports.http()), app, READY_TIMEOUT, run::stopped)) {
            return false;
        }
        console.printf("streams app ready (%s), log: %s%n", since(began), app.log());
        return true;
    }

    /**
     * Starts the simulator on this stack, as a child of the run, with {@code flags} after the broker's and the
     * registry's addresses; it logs to {@code sim.log} in the data directory.
     *
     * @param name what the run calls it when it stops it or it fails
     * @param heap its {@code -Xmx} option
     */
    JavaProcess startSimulator(String name, String heap, List<String> flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers(),
                "--schema-registry-url", registryUrl()));
        args.addAll(flags);
        return run.child(JavaProcess.start(name, List.of(heap, SERVICE_LOGGING), "io.burnwatch.sim.SimulatorApp", args,
                data.resolve("sim.log"), SIM_STOP_SECONDS));
    }

    /**
     * Runs the simulator as {@link #startSimulator} does, for flags with which it stops by itself (a replay, a set
     * number of events or seconds), and waits until it has.
     *
     * @throws StackFailure if it exits with an error, or is still running after {@code timeout}
     */
    void runSimulator(String name, String heap, List<String> flags, Duration timeout) throws Exception {
        JavaProcess sim = startSimulator(name, heap, flags);
        try {
            Await.until(timeout, name + " to finish", () -> run.stopped() || !sim.isAlive());
        } catch (AssertionError timedOut) {
            throw new StackFailure(timedOut.getMessage() + ": pass a larger --timeout");
        }
        if (!run.stopped() && sim.exitCode() != 0) {
            throw StackFailure.of(sim, "The " + name + " exited with code " + sim.exitCode());
        }
    }

    /**
     * Starts burnwatch's receiver on {@code port} (see {@link Receiver}) and waits until it answers.
     *
     * @return false if the run was asked to stop first
     * @throws StackFailure if it exits or does not answer in time
     */
    boolean startReceiver(int port) throws Exception {
        long began = System.nanoTime();
        JavaProcess receiver = run.child(Receiver.start(broker.bootstrapServers(), port, data));
        if (!Readiness.await(Receiver.health(port), receiver, READY_TIMEOUT, run::stopped)) {
            return false;
        }
        console.printf("receiver ready on %s (%s): POST /v1/logs, /webhooks/github, /webhooks/gitlab; agent"
                        + " variables in %s, webhook secrets in %s, log: %s%n", Receiver.url(port), since(began),
                data.resolve(Receiver.AGENT_FILE), data.resolve(Receiver.SETTINGS_FILE), receiver.log());
        return true;
    }

    /** Where the simulator logs. */
    Path simulatorLog() {
        return data.resolve("sim.log");
    }

    /** Stops the streams app as a termination signal would, and waits until it has. */
    void stopApp() throws InterruptedException {
        app.close();
    }

    Path stateDir() {
        return data.resolve("streams");
    }

    /** The address of the app's HTTP endpoints. */
    URI appUri(String path) {
        return URI.create("http://" + HOST + ":" + ports.http() + path);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    Admin admin() {
        return admin;
    }

    /** The streams app, once {@link #startApp} has started it. */
    JavaProcess app() {
        return app;
    }

    static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
