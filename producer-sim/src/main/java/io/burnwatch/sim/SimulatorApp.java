package io.burnwatch.sim;

import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.sim.clock.ScaledClock;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.Mix;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.KafkaEventSink;
import io.burnwatch.sim.publish.ProducerSettings;
import io.burnwatch.sim.publish.ThroughputLog;
import io.burnwatch.sim.publish.Topics;
import io.burnwatch.sim.trace.Traces;
import io.burnwatch.sim.truth.GroundTruth;
import io.burnwatch.sim.truth.TruthFile;
import io.burnwatch.sim.truth.TruthTopic;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sends simulated usage and outcome events of a cast of users, and the ground truth of every session they open.
 * Up to ten users, one of them runs a looping agent.
 */
@Command(name = "burnwatch-sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates AI token usage and outcomes of light and heavy users, autonomous runners, idle and"
                + " jittered loopers and context stuffers, with the ground truth of every session.")
public final class SimulatorApp implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorApp.class);
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(10);
    private static final long SHUTDOWN_WAIT_SECONDS = 40;
    private static final Duration BROKER_FUTURE_LIMIT = Duration.ofHours(1);

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "http://127.0.0.1:8081", paramLabel = "URL",
            description = "Schema registry (default: ${DEFAULT-VALUE}).")
    private String schemaRegistryUrl;

    @Option(names = "--usage-topic", defaultValue = "burnwatch.usage", paramLabel = "TOPIC",
            description = "Topic of usage events (default: ${DEFAULT-VALUE}).")
    private String usageTopic;

    @Option(names = "--outcomes-topic", defaultValue = "burnwatch.outcomes", paramLabel = "TOPIC",
            description = "Topic of outcome events (default: ${DEFAULT-VALUE}).")
    private String outcomesTopic;

    @Option(names = "--truth-topic", defaultValue = "burnwatch.truth", paramLabel = "TOPIC",
            description = "Topic of every session's ground truth, keyed by session id (default: ${DEFAULT-VALUE}).")
    private String truthTopic;

    @Option(names = "--truth-file", paramLabel = "FILE",
            description = "Also write the ground truth to FILE, one JSON object a line.")
    private Path truthFile;

    @Option(names = "--users", defaultValue = "6", paramLabel = "N",
            description = "Simulated users, in teams of 5-20; up to " + Cast.SMALL + " without --mix, one of them is an"
                    + " idle looper and the others heavy and light users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--mix", paramLabel = "ROLE=WEIGHT,...",
            description = "Persona weights, from light, heavy, runner, idle, jitter, stuffer (default above "
                    + Cast.SMALL + " users: light=50,heavy=25,runner=5,idle=5,jitter=5,stuffer=10).")
    private String mix;

    @Option(names = "--traces", paramLabel = "DIR",
            description = "Directory of the public traces (laid out as shared/traces) to draw call sizes and arrivals"
                    + " from (default: the samples packaged with the simulator).")
    private Path traces;

    @Option(names = "--seed", defaultValue = "42", description = "Same seed, same users and events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--speed", defaultValue = "1.0", paramLabel = "FACTOR",
            description = "Event time runs FACTOR times as fast as the wall clock (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "Wall-clock seconds to run; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    private long durationSeconds;

    @Option(names = "--producer-config", paramLabel = "FILE",
            description = "Extra producer properties, e.g. SASL/SSL settings; flags given explicitly win over it.")
    private Path producerConfig;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return OneLineErrors.install(new CommandLine(new SimulatorApp()));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Properties config = ProducerSettings.producerConfig(bootstrapServers, schemaRegistryUrl, extraConfig());
        explicitFlagsWin(config);

        Cast cast = mix == null ? Cast.of(seed, users) : Cast.of(seed, users, parseMix());
        Traces drawFrom = readTraces();
        Instant start = Instant.now();
        Clock wall = Clock.systemUTC();
        LOG.info("Simulating {} users at speed {} to {}, {} and {} on {}", users, speed, usageTopic, outcomesTopic,
                truthTopic, config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));

        warnIfEventTimeOutrunsTheBroker();
        ensureTruthTopic(config);

        CountDownLatch finished = new CountDownLatch(1);
        Simulator simulator;
        Thread hook;
        GroundTruth events = new GroundTruth(new Simulation(cast.personas(start, drawFrom)));
        try (EventSink sink = sink(config)) {
            simulator = new Simulator(events, new ScaledClock(wall, start, speed),
                    sink, wall, new ThroughputLog(wall, SUMMARY_EVERY));
            hook = new Thread(() -> {
                simulator.stop();
                awaitQuietly(finished);
            }, "burnwatch-sim-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                long sent = simulator.run(Duration.ofSeconds(durationSeconds));
                List<SimEvent> undetected = events.undetected();
                undetected.forEach(sink::send);
                LOG.info("Stopping after {} events and {} truths of sessions never detectable; flushing the producer",
                        sent, undetected.size());
            } finally {
                removeQuietly(hook);
            }
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private EventSink sink(Properties config) throws IOException {
        EventSink kafka = new KafkaEventSink(config, new Topics(usageTopic, outcomesTopic, truthTopic));
        return truthFile == null ? kafka : new TruthFile(truthFile, kafka);
    }

    private void ensureTruthTopic(Properties config) throws InterruptedException {
        try {
            TruthTopic.ensure(config, truthTopic);
        } catch (IllegalStateException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--truth-topic " + truthTopic + " cannot be created ("
                    + e.getMessage() + "): create it, or pass a --truth-topic the simulator may create");
        }
    }

    private Mix parseMix() {
        try {
            return Mix.parse(mix);
        } catch (IllegalArgumentException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--mix " + mix + ": " + e.getMessage());
        }
    }

    private Traces readTraces() {
        if (traces == null) {
            return Traces.packaged();
        }
        try {
            return Traces.from(traces);
        } catch (RuntimeException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--traces " + traces + " cannot be read (" + e.getMessage()
                    + "): pass a directory laid out as shared/traces, or leave --traces out for the packaged samples");
        }
    }

    private void validate() {
        if (users < 1) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--users " + users + " is too few: pass --users 1 or more");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--speed " + speed + " is not a positive factor: pass e.g. --speed 1 (real time) or --speed 10");
        }
        if (durationSeconds < 0) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--duration " + durationSeconds + " is negative: pass seconds to run, or 0 to run until Ctrl-C");
        }
    }

    /** Brokers reject records stamped more than log.message.timestamp.after.max.ms (1 h by default) ahead. */
    private void warnIfEventTimeOutrunsTheBroker() {
        if (speed <= 1) {
            return;
        }
        long secondsToOneHourAhead = Math.round(BROKER_FUTURE_LIMIT.toSeconds() / (speed - 1));
        if (durationSeconds == 0 || durationSeconds > secondsToOneHourAhead) {
            LOG.warn("At speed {} event time is an hour ahead of the wall clock after {} s; brokers reject such records"
                    + " unless log.message.timestamp.after.max.ms is raised", speed, secondsToOneHourAhead);
        }
    }

    private Properties extraConfig() {
        Properties extra = new Properties();
        if (producerConfig == null) {
            return extra;
        }
        try (Reader reader = Files.newBufferedReader(producerConfig)) {
            extra.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--producer-config " + producerConfig
                    + " cannot be read (" + e + "): pass a readable Java properties file");
        }
        return extra;
    }

    /** Defaults give way to the --producer-config file; flags given on the command line override it. */
    private void explicitFlagsWin(Properties config) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--bootstrap-servers")) {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (parsed.hasMatchedOption("--schema-registry-url")) {
            config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it waits for this run to finish.
        }
    }
}
