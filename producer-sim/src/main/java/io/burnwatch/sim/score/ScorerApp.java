package io.burnwatch.sim.score;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.sim.ClusterOptions;
import io.burnwatch.sim.OneLineErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints, per persona, how the alerts on burnwatch.alerts did against the simulator's ground truth. */
@Command(name = "burnwatch-score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores burnwatch's session alerts against the simulator's ground truth, per persona: sessions,"
                + " alerted sessions, pending sessions, sessions resolved by outcome and by quiet, precision, recall, and"
                + " detection delay (p50/p95/max) from the burn's crossing and from the session's start."})
public final class ScorerApp implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--alerts-topic", defaultValue = "burnwatch.alerts", paramLabel = "TOPIC",
            description = "Topic of alerts (default: ${DEFAULT-VALUE}).")
    private String alertsTopic;

    @Option(names = "--truth-topic", defaultValue = "burnwatch.truth", paramLabel = "TOPIC",
            description = "Topic of the ground truth, read unless --truth-file is given (default: ${DEFAULT-VALUE}).")
    private String truthTopic;

    @Option(names = "--truth-file", paramLabel = "FILE", description = "The ground truth as JSON lines.")
    private Path truthFile;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long reading a topic may take (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return OneLineErrors.install(new CommandLine(new ScorerApp()));
    }

    @Override
    public Integer call() {
        if (truthFile != null && !Files.isReadable(truthFile)) {
            throw OneLineErrors.problem(spec.commandLine(), "--truth-file " + truthFile
                    + " cannot be read: pass the JSON-lines file the simulator wrote");
        }
        if (timeoutSeconds <= 0) {
            throw OneLineErrors.problem(spec.commandLine(), "--timeout " + timeoutSeconds
                    + " is not positive: pass seconds, e.g. --timeout 60");
        }
        Properties config = cluster.clientProperties(spec, System.getenv());
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        List<SessionTruth> truths = truthFile != null ? TruthFile.read(truthFile)
                : TopicSnapshot.read(config, truthTopic, new SpecificAvroDeserializer<>(SessionTruth.class), timeout);
        List<Alert> alerts = TopicSnapshot.read(config, alertsTopic, new SpecificAvroDeserializer<>(Alert.class), timeout);
        Score score = Scoring.score(truths, alerts);
        spec.commandLine().getOut().print(json ? score.json() + System.lineSeparator() : score.table());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
