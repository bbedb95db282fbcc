package io.burnwatch.sim;

import io.burnwatch.schema.Budget;
import io.burnwatch.sim.bad.BadInputSink;
import io.burnwatch.sim.budget.BudgetFlag;
import io.burnwatch.sim.budget.BudgetsTopic;
import io.burnwatch.sim.clock.Pacer;
import io.burnwatch.sim.clock.RatePacer;
import io.burnwatch.sim.clock.ReplayClock;
import io.burnwatch.sim.clock.ScaledClock;
import io.burnwatch.sim.clock.SimClock;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.HandOffSink;
import io.burnwatch.sim.publish.KafkaEventSink;
import io.burnwatch.sim.publish.LaggedOutcomeSink;
import io.burnwatch.sim.publish.ProducerSettings;
import io.burnwatch.sim.publish.ThroughputLog;
import io.burnwatch.sim.publish.Topics;
import io.burnwatch.sim.publish.Via;
import io.burnwatch.sim.receiver.IdentityEntries;
import io.burnwatch.sim.receiver.ReceiverCredentials;
import io.burnwatch.sim.receiver.ReceiverSink;
import io.burnwatch.sim.trace.Traces;
import io.burnwatch.sim.truth.GroundTruth;
import io.burnwatch.sim.truth.TruthFile;
import io.burnwatch.sim.truth.TruthTopic;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sends simulated usage and outcome events of a cast of users, and the ground truth of every session they open:
 * in real time (sped up if asked) or as a replay of a span of event time that runs as fast as the broker takes it,
 * at a target rate or at most, optionally mixed with malformed records. Up to ten users, one of them runs a
 * looping agent.
 */
@Command(name = "burnwatch-sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulates AI token usage and outcomes of light and heavy users, autonomous runners, idle and"
                + " jittered loopers and context stuffers, with the ground truth of every session.",
                "Cluster settings: defaults < --producer-config FILE < KAFKA_* environment variables"
                        + " (KAFKA_SECURITY_PROTOCOL sets security.protocol) < flags."})
public final class SimulatorApp implements Callable<Integer> {

    /** How event time relates to the wall clock. */
    enum Mode { REALTIME, REPLAY }

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorApp.class);
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(10);
    private static final long SHUTDOWN_WAIT_SECONDS = 40;
    private static final Duration BROKER_FUTURE_LIMIT = Duration.ofHours(1);
    private static final String MAX = "max";
    private static final String RECEIVER = "receiver";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--via", defaultValue = "avro", paramLabel = "avro|json|receiver",
            description = "avro: usage and outcomes as Avro on burnwatch.usage and burnwatch.outcomes; json: one JSON"
                    + " object a record on burnwatch.usage.json and burnwatch.outcomes.json, as the streams app's JSON"
                    + " input takes them; receiver: through burnwatch's HTTP receiver, usage as Claude Code's OTLP log"
                    + " batches and outcomes as signed GitHub webhook deliveries (default: ${DEFAULT-VALUE}).")
    private String viaName;

    @Option(names = "--receiver-url", defaultValue = "http://127.0.0.1:4318", paramLabel = "URL",
            description = "--via receiver: the receiver's base URL (default: ${DEFAULT-VALUE}).")
    private URI receiverUrl;

    @Option(names = "--receiver-token-file", paramLabel = "FILE",
            description = "--via receiver: the receiver's settings file (the local stack's receiver.properties), whose"
                    + " first " + "burnwatch.receiver.otlp.tokens token and burnwatch.receiver.github.secret are used.")
    private Path receiverTokenFile;

    @Option(names = "--identities-topic", defaultValue = IdentityEntries.DEFAULT_TOPIC, paramLabel = "TOPIC",
            description = "--via receiver: the streams app's identity map, where each user's email and GitHub login are"
                    + " mapped to its user id before the run (default: ${DEFAULT-VALUE}).")
    private String identitiesTopic;

    @Option(names = "--usage-topic", paramLabel = "TOPIC",
            description = "Topic of usage events (default: burnwatch.usage, with --via json burnwatch.usage.json).")
    private String usageTopic;

    @Option(names = "--outcomes-topic", paramLabel = "TOPIC",
            description = "Topic of outcome events (default: burnwatch.outcomes, with --via json"
                    + " burnwatch.outcomes.json).")
    private String outcomesTopic;

    @Option(names = "--outcome-lag", defaultValue = "0", paramLabel = "DURATION",
            description = "Send outcomes through a producer of their own, each this much wall time after the usage of"
                    + " the same event time, e.g. 20s or 5m; event times are unchanged (default: ${DEFAULT-VALUE}).")
    private String outcomeLagText;

    @Option(names = "--truth-topic", defaultValue = "burnwatch.truth", paramLabel = "TOPIC",
            description = "Topic of every session's ground truth, keyed by session id (default: ${DEFAULT-VALUE}).")
    private String truthTopic;

    @Option(names = "--truth-file", paramLabel = "FILE",
            description = "Also write the ground truth to FILE, one JSON object a line.")
    private Path truthFile;

    @Option(names = "--budget", paramLabel = "SCOPE=USD/PERIOD",
            description = "Write this budget to --budgets-topic before the run, e.g. team:platform=2000/month or"
                    + " user:alice=50/day (alerts at 50, 80 and 100%, early warning); repeatable.")
    private List<String> budgets = new ArrayList<>();

    @Option(names = "--budgets-topic", defaultValue = "burnwatch.budgets", paramLabel = "TOPIC",
            description = "The streams app's budgets topic, keyed by scope (default: ${DEFAULT-VALUE}).")
    private String budgetsTopic;

    @Option(names = "--users", defaultValue = "6", paramLabel = "N",
            description = "Simulated users, in teams of 5-20; up to " + Cast.SMALL + " without --mix, one of them is an"
                    + " idle looper and the others heavy and light users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--mix", paramLabel = "ROLE=WEIGHT,...",
            description = "Persona weights, from light, heavy, runner, idle, jitter, stuffer, steady, spiker (default above "
                    + Cast.SMALL + " users: light=50,heavy=25,runner=5,idle=5,jitter=5,stuffer=10).")
    private String mix;

    @Option(names = "--traces", paramLabel = "DIR",
            description = "Directory of the public traces (laid out as shared/traces) to draw call sizes and arrivals"
                    + " from (default: the samples packaged with the simulator).")
    private Path traces;

    @Option(names = "--seed", defaultValue = "42", description = "Same seed, same users and events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--mode", defaultValue = "realtime", paramLabel = "realtime|replay",
            converter = ModeConverter.class,
            description = "realtime: events at the wall clock's pace times --speed; replay: --hours of event time"
                    + " from --from, as fast as --rate allows (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--speed", defaultValue = "1.0", paramLabel = "FACTOR",
            description = "realtime: event time runs FACTOR times as fast as the wall clock (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--from", paramLabel = "ISO-INSTANT",
            description = "replay: event time of the first event, e.g. 2026-01-05T00:00:00Z (default: now minus --hours).")
    private String from;

    @Option(names = "--hours", defaultValue = "1", paramLabel = "H",
            description = "replay: hours of event time to replay (default: ${DEFAULT-VALUE}).")
    private double hours;

    @Option(names = "--rate", defaultValue = MAX, paramLabel = "N|max",
            description = "Events per second at most, or max for as fast as the broker takes them (default: ${DEFAULT-VALUE}).")
    private String rate;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "Wall-clock seconds to run; 0 runs until Ctrl-C, or in replay until the span is done"
                    + " (default: ${DEFAULT-VALUE}).")
    private long durationSeconds;

    @Option(names = "--events", defaultValue = "0", paramLabel = "N",
            description = "Stop after N events, e.g. to load a fixed count into the topics; 0 for no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    private long maxEvents;

    @Option(names = "--bad-fraction", defaultValue = "0", paramLabel = "F",
            description = "After this fraction of events also send a malformed record, of each kind the streams app"
                    + " dead-letters in turn, with header " + BadInputSink.HEADER + " = kind (default: ${DEFAULT-VALUE}).")
    private double badFraction;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return OneLineErrors.install(new CommandLine(new SimulatorApp()));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        boolean viaReceiver = RECEIVER.equalsIgnoreCase(viaName == null ? "" : viaName.strip());
        Via via = viaReceiver ? Via.AVRO : transport();
        ReceiverCredentials credentials = viaReceiver ? receiverCredentials() : null;
        Duration outcomeLag = SimFlags.outcomeLag(spec.commandLine(), outcomeLagText);
        if (via == Via.JSON && badFraction > 0) {
            throw OneLineErrors.problem(spec.commandLine(), "--bad-fraction " + badFraction
                    + " sends malformed Avro records, which --via json does not: leave one of them out");
        }
        if (viaReceiver && badFraction > 0) {
            throw OneLineErrors.problem(spec.commandLine(), "--bad-fraction " + badFraction
                    + " sends malformed Avro records, which --via receiver does not: leave one of them out");
        }
        String usageTopic = this.usageTopic != null ? this.usageTopic : via.usageTopic();
        String outcomesTopic = this.outcomesTopic != null ? this.outcomesTopic : via.outcomesTopic();
        Properties config = ProducerSettings.producerConfig(cluster.clientProperties(spec, System.getenv()));
        Clock wall = Clock.systemUTC();
        Instant now = wall.instant();
        List<Budget> budgetRecords = parseBudgets(now);
        Cast cast = mix == null ? Cast.of(seed, users) : Cast.of(seed, users, SimFlags.mix(spec.commandLine(), mix));
        Traces drawFrom = readTraces();
        Instant start;
        SimClock clock;
        Iterator<SimEvent> simulation;
        if (mode == Mode.REPLAY) {
            Duration span = Duration.ofMillis(Math.round(hours * 3_600_000));
            start = from == null ? now.minus(span) : Instant.parse(from);
            clock = new ReplayClock(start);
            simulation = Simulation.before(new Simulation(cast.personas(start, drawFrom)), start.plus(span));
            warnIfReplayOutrunsTheBroker(start.plus(span), now);
        } else {
            start = now;
            clock = new ScaledClock(wall, start, speed);
            simulation = new Simulation(cast.personas(start, drawFrom));
            warnIfEventTimeOutrunsTheBroker();
        }
        if (maxEvents > 0) {
            simulation = Simulation.first(simulation, maxEvents);
        }
        ensureTruthTopic(config);
        GroundTruth events = new GroundTruth(simulation);
        Pacer pacer = MAX.equals(rate) ? Pacer.UNLIMITED : new RatePacer(wall, Double.parseDouble(rate));
        LOG.info("Simulating {} users in {} mode from {} at rate {} to {}, {} (outcome lag {}) and {} on {}, via {}",
                users, mode.name().toLowerCase(Locale.ROOT), start, rate, usageTopic, outcomesTopic, outcomeLag,
                truthTopic, config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG),
                viaReceiver ? "the receiver at " + receiverUrl : via.name().toLowerCase(Locale.ROOT));

        ThroughputLog throughput = new ThroughputLog(wall, SUMMARY_EVERY);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook;
        Topics topics = new Topics(usageTopic, outcomesTopic, truthTopic);
        KafkaEventSink kafka = new KafkaEventSink(config, topics, via);
        if (!budgetRecords.isEmpty()) {
            writeBudgets(config, kafka, budgetRecords);
        }
        BadInputSink bad = badFraction > 0 ? new BadInputSink(kafka, badFraction, seed, wall) : null;
        EventSink direct = bad != null ? bad : kafka;
        if (viaReceiver) {
            writeIdentities(config, cast);
            direct = new ReceiverSink(receiverUrl, credentials, kafka, wall);
        }
        if (!outcomeLag.isZero()) {
            direct = new LaggedOutcomeSink(direct, viaReceiver
                    ? new ReceiverSink(receiverUrl, credentials, new KafkaEventSink(config, topics, via), wall)
                    : new KafkaEventSink(config, topics, via), outcomeLag, wall);
        }
        EventSink withTruthFile = truthFile == null ? direct : new TruthFile(truthFile, direct);
        // Batches wait for a full batch: only a run that never waits hands events to a sending thread.
        boolean neverWaits = mode == Mode.REPLAY && MAX.equals(rate);
        try (EventSink sink = neverWaits ? new HandOffSink(withTruthFile) : withTruthFile) {
            Simulator simulator = new Simulator(events, clock, pacer, sink, wall, throughput);
            hook = new Thread(() -> {
                simulator.stop();
                awaitQuietly(finished);
            }, "burnwatch-sim-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                long sent = simulator.run(Duration.ofSeconds(durationSeconds));
                List<SimEvent> undetected = events.undetected();
                undetected.forEach(sink::send);
                LOG.info("Stopping after {} events (event time {}) and {} truths of sessions never detectable;"
                        + " flushing the producer", sent, clock.now(), undetected.size());
            } finally {
                removeQuietly(hook);
            }
        } finally {
            finished.countDown();
        }
        spec.commandLine().getOut().println(throughput.summary(Duration.between(now, wall.instant())));
        if (bad != null) {
            spec.commandLine().getOut().println("malformed records sent: " + bad.sent());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Via transport() {
        try {
            return Via.parse(viaName);
        } catch (IllegalArgumentException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--via '" + viaName
                    + "' is not a transport: pass avro, json or " + RECEIVER);
        }
    }

    private ReceiverCredentials receiverCredentials() {
        if (receiverTokenFile == null) {
            throw OneLineErrors.problem(spec.commandLine(), "--via receiver needs --receiver-token-file FILE: the"
                    + " receiver's settings (the local stack writes receiver.properties in its data directory)");
        }
        String scheme = receiverUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || receiverUrl.getHost() == null) {
            throw OneLineErrors.problem(spec.commandLine(), "--receiver-url " + receiverUrl
                    + " is not an http(s) URL: pass e.g. --receiver-url http://127.0.0.1:4318");
        }
        try {
            return ReceiverCredentials.read(receiverTokenFile);
        } catch (IOException | IllegalArgumentException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--receiver-token-file " + receiverTokenFile + " "
                    + (e instanceof IOException ? "cannot be read (" + e.getMessage() + ")" : e.getMessage())
                    + ": pass the receiver's settings file, e.g. <data dir>/receiver.properties");
        }
    }

    /** Maps each user's email and GitHub login to its user id, so the receiver's traffic counts under the user id. */
    private void writeIdentities(Properties config, Cast cast) throws InterruptedException {
        try {
            IdentityEntries.write(config, identitiesTopic, cast.users());
        } catch (RuntimeException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--identities-topic " + identitiesTopic
                    + " cannot be written (" + e.getMessage() + "): start the streams app with --create-topics,"
                    + " or pass its identities topic");
        }
        LOG.info("Mapped the emails and GitHub logins of {} users to their user ids on {}", cast.users().size(),
                identitiesTopic);
    }

    private void ensureTruthTopic(Properties config) throws InterruptedException {
        try {
            TruthTopic.ensure(config, truthTopic);
        } catch (IllegalStateException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--truth-topic " + truthTopic + " cannot be created ("
                    + e.getMessage() + "): create it, or pass a --truth-topic the simulator may create");
        }
    }

    private List<Budget> parseBudgets(Instant now) {
        List<Budget> parsed = new ArrayList<>();
        for (String budget : budgets) {
            try {
                parsed.add(BudgetFlag.parse(budget, now));
            } catch (IllegalArgumentException e) {
                throw OneLineErrors.problem(spec.commandLine(), "--budget " + e.getMessage());
            }
        }
        return parsed;
    }

    private void writeBudgets(Properties config, KafkaEventSink kafka, List<Budget> records) throws InterruptedException {
        try {
            BudgetsTopic.write(config, kafka, budgetsTopic, records);
        } catch (IllegalStateException e) {
            throw OneLineErrors.problem(spec.commandLine(), "--budgets-topic " + budgetsTopic + " cannot be created ("
                    + e.getMessage() + "): create it, e.g. by starting the streams app with --create-topics");
        }
        LOG.info("Wrote {} budgets to {}", records.size(), budgetsTopic);
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
        SimFlags.requireUsers(spec.commandLine(), users);
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--speed " + speed + " is not a positive factor: pass e.g. --speed 1 (real time) or --speed 10");
        }
        if (durationSeconds < 0) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--duration " + durationSeconds + " is negative: pass seconds to run, or 0 to run until Ctrl-C");
        }
        if (maxEvents < 0) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--events " + maxEvents + " is negative: pass a count of events, or 0 for no limit");
        }
        SimFlags.requireHours(spec.commandLine(), hours);
        SimFlags.requireFrom(spec.commandLine(), from);
        if (!MAX.equals(rate)) {
            double perSecond;
            try {
                perSecond = Double.parseDouble(rate);
            } catch (NumberFormatException e) {
                perSecond = Double.NaN;
            }
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw OneLineErrors.problem(spec.commandLine(),
                        "--rate " + rate + " is neither events per second nor max: pass e.g. --rate 5000 or --rate max");
            }
        }
        if (!(badFraction >= 0 && badFraction <= 1)) {
            throw OneLineErrors.problem(spec.commandLine(),
                    "--bad-fraction " + badFraction + " is not a fraction: pass e.g. --bad-fraction 0.01, or 0 for none");
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

    private static void warnIfReplayOutrunsTheBroker(Instant end, Instant now) {
        if (end.isAfter(now.plus(BROKER_FUTURE_LIMIT))) {
            LOG.warn("The replay runs until {}, more than an hour after the wall clock; brokers reject such records"
                    + " unless log.message.timestamp.after.max.ms is raised", end);
        }
    }

    /** Accepts the mode in any case. */
    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a mode: pass realtime or replay");
            }
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
