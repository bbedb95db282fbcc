package io.burnwatch.streams.connect.receiver;

import io.burnwatch.streams.BrokerCheck;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.config.SettingsOptions;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "burnwatch-receiver", sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Receives what agents and repositories send burnwatch over HTTP and writes it to Kafka, as sent:"
                        + " OTLP/HTTP logs (POST /v1/logs, with a bearer token) to burnwatch.topic.otlp.logs, GitHub"
                        + " (POST /webhooks/github, signed) and GitLab (POST /webhooks/gitlab, with the secret token)"
                        + " webhook deliveries to burnwatch.topic.webhooks. A route whose credential is not set"
                        + " answers 404. GET /health answers while the process runs.",
                "Settings come from defaults < --config FILE < KAFKA_* and BURNWATCH_* environment variables"
                        + " < flags."})
public final class ReceiverApp implements Callable<Integer> {

    static final int USAGE_ERROR = SettingsOptions.USAGE_ERROR;

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverApp.class);

    @Mixin
    private SettingsOptions sources = new SettingsOptions();

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (burnwatch.receiver.host).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on, 0: any free port (burnwatch.receiver.port).")
    private Integer port;

    @Option(names = "--create-topics", description = "Create burnwatch's topics if missing, then start.")
    private boolean createTopics;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile ReceiverServer server;

    ReceiverApp(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Parses {@code args}, serves until stopped, and returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return command(new ReceiverApp(env, out, err), out, err).execute(args);
    }

    static CommandLine command(ReceiverApp app, PrintWriter out, PrintWriter err) {
        CommandLine command = SettingsOptions.commandLine(app, out, err);
        command.getCommandSpec().usageMessage().footer("",
                "Settings (set with --config, the environment, or -D key=value; the receiver's are"
                        + " burnwatch.receiver.*):", BurnwatchSettings.describe());
        return command;
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            return serve();
        } finally {
            closed.countDown();
        }
    }

    private int serve() throws InterruptedException {
        BurnwatchConfig config;
        ReceiverSettings settings;
        try {
            config = config();
            settings = ReceiverSettings.of(config);
            // Refused before Kafka is asked: an exposed receiver without a credential is a setting to fix.
            settings.requireCredentialBeyondLoopback();
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
        if (createTopics) {
            try (Admin admin = Admin.create(config.adminConfig())) {
                new BurnwatchTopics(config).ensure(admin);
            } catch (RuntimeException e) {
                err.println(SettingsOptions.oneLine(e.getMessage()));
                return 1;
            }
        }
        try (KafkaRecordSink sink = KafkaRecordSink.create(config, settings)) {
            try (ReceiverServer serving = ReceiverServer.start(settings, config, sink)) {
                server = serving;
                // A termination signal stops serving, and the JVM waits until requests in flight are answered.
                Thread shutdownHook = new Thread(this::stopAndWait, "burnwatch-receiver-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
                LOG.info("receiver_started url={} routes=\"{}\"", serving.url(), settings.routes());
                out.println("burnwatch receiver on " + serving.url() + ": " + settings.routes());
                if (!settings.otlpEnabled() && !settings.githubEnabled() && !settings.gitlabEnabled()) {
                    err.println("No route is enabled: set " + BurnwatchSettings.RECEIVER_OTLP_TOKENS + ", "
                            + BurnwatchSettings.RECEIVER_GITHUB_SECRET + " or " + BurnwatchSettings.RECEIVER_GITLAB_TOKEN);
                }
                try {
                    stopped.await();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdownHook);
                    } catch (IllegalStateException shuttingDown) {
                        // The hook has run: the process is stopping.
                    }
                }
            }
        } catch (IOException e) {
            err.println("Cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + SettingsOptions.oneLine(e.getMessage()) + " (set " + BurnwatchSettings.RECEIVER_PORT + ")");
            return 1;
        } catch (RuntimeException e) {
            err.println("Cannot start the receiver: " + SettingsOptions.oneLine(e.getMessage()));
            return 1;
        }
        LOG.info("receiver_stopped");
        return 0;
    }

    /** The running server's URL, or null before it listens: for tests. */
    String url() {
        ReceiverServer serving = server;
        return serving == null ? null : serving.url();
    }

    /** Stops a running {@link #call()} as a termination signal would. */
    void stop() {
        stopped.countDown();
    }

    private void stopAndWait() {
        stopped.countDown();
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The settings from every source; the named flags win over {@code -D}. */
    BurnwatchConfig config() {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put(BurnwatchSettings.RECEIVER_HOST, host);
        named.put(BurnwatchSettings.RECEIVER_PORT, port);
        return sources.load(env, named);
    }
}
