package io.burnwatch.streams;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.config.SettingsOptions;
import io.burnwatch.streams.cost.DefaultPriceTable;
import io.burnwatch.streams.cost.PriceTableLoader;
import io.burnwatch.streams.http.HttpBinding;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "burnwatch-streams", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Watches AI token usage: rolls usage up per user and minute, and alerts on sessions that burn"
                        + " tokens with no commit or pull request to show for it.",
                "Settings come from defaults < --config FILE < KAFKA_* and BURNWATCH_* environment variables"
                        + " < flags."})
public final class BurnwatchApp implements Callable<Integer> {

    static final int USAGE_ERROR = SettingsOptions.USAGE_ERROR;

    private static final Logger LOG = LoggerFactory.getLogger(BurnwatchApp.class);

    @Mixin
    private SettingsOptions sources = new SettingsOptions();

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application.id: consumer group and state prefix.")
    private String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where local state stores live (state.dir).")
    private Path stateDir;

    @Option(names = "--http-host", paramLabel = "HOST", description = "Address of the health, status and metrics endpoints.")
    private String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the health, status and metrics endpoints (0: any free port).")
    private Integer httpPort;

    @Option(names = "--create-topics", description = "Create burnwatch's input and output topics if missing, then start.")
    private boolean createTopics;

    @Option(names = "--load-default-prices", description = "Load burnwatch's default price table into the prices"
            + " topic if that topic holds no record yet, then start.")
    private boolean loadDefaultPrices;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final Map<String, String> env;
    private final PrintWriter err;
    private volatile BurnwatchService running;

    BurnwatchApp(Map<String, String> env, PrintWriter err) {
        this.env = env;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Parses {@code args}, runs until Kafka Streams stops, and returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine command = SettingsOptions.commandLine(new BurnwatchApp(env, err), out, err);
        command.getCommandSpec().usageMessage().footer("",
                "Settings (set with --config, the environment, or -D key=value; durations as 30s, 10m, 1h):",
                BurnwatchSettings.describe());
        return command.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        BurnwatchConfig config;
        try {
            config = config();
            // Refused before Kafka is asked: an exposed endpoint without a token is a setting to fix, not to wait on.
            HttpBinding.tokens(config.httpHost(), config.httpAuthTokens(), config.httpPeerToken());
        } catch (ConfigException e) {
            err.println(SettingsOptions.oneLine(e.getMessage()));
            return USAGE_ERROR;
        }
        try {
            BrokerCheck.awaitBroker(config);
        } catch (IllegalStateException e) {
            err.println(SettingsOptions.oneLine(e.getMessage()));
            return 1;
        }
        try (Admin admin = Admin.create(config.adminConfig())) {
            BurnwatchTopics topics = new BurnwatchTopics(config);
            if (createTopics) {
                topics.ensure(admin);
            }
            if (loadDefaultPrices) {
                new PriceTableLoader(config).loadIfEmpty(admin, DefaultPriceTable.load());
            }
            topics.requireInputPartitions(admin);
        } catch (RuntimeException e) {
            err.println(SettingsOptions.oneLine(e.getMessage()));
            return 1;
        }
        BurnwatchService service;
        try {
            service = BurnwatchService.start(config);
        } catch (ConfigException e) {
            err.println(SettingsOptions.oneLine(e.getMessage()));
            return USAGE_ERROR;
        } catch (RuntimeException e) {
            err.println("Cannot start burnwatch: " + SettingsOptions.oneLine(e.getMessage()));
            return 1;
        }
        running = service;
        Thread shutdownHook = new Thread(service::close, "burnwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        KafkaStreams.State last;
        try {
            last = service.awaitStop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is closing the service already.
            }
            service.close();
        }
        LOG.info("burnwatch_stopped state={}", last);
        return last == KafkaStreams.State.ERROR ? 1 : 0;
    }

    /** Stops a running {@link #call()} as a termination signal would. */
    void stop() {
        BurnwatchService service = running;
        if (service != null) {
            service.close();
        }
    }

    /** The settings from every source; the named flags win over {@code -D}. */
    BurnwatchConfig config() {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        named.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        named.put(BurnwatchSettings.HTTP_HOST, httpHost);
        named.put(BurnwatchSettings.HTTP_PORT, httpPort);
        return sources.load(env, named);
    }
}
