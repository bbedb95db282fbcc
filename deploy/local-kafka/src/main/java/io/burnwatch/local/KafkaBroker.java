package io.burnwatch.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one process) in a child JVM, keeping its data in a
 * directory of its own, so that a restart on the same directory finds its topics and records again. The broker
 * also stops when this JVM exits without closing it (it watches its stdin), so its owner decides the order in
 * which things stop.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final long logStart;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(Path dataDir, int port, Process process, long logStart) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.logStart = logStart;
    }

    /**
     * Starts a broker on {@code dataDir}, formatting its storage first if the directory holds none, and returns
     * once the broker answers.
     *
     * @param port the client port on 127.0.0.1; 0 for the port of the last run on this data dir if it is still
     *     free, else any free port
     */
    public static KafkaBroker start(Path dataDir, int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Kafka port must be between 0 and 65535, got " + port);
        }
        Path dir = Files.createDirectories(dataDir).toAbsolutePath();
        BrokerSettings settings = settingsFor(dir, port);
        if (settings.port() == settings.controllerPort()) {
            throw new IOException("Port " + port + " is the controller port of the broker in " + dir
                    + ": start it on another port");
        }
        requireFree(settings.port(), "Kafka port " + settings.port() + " on " + HOST
                + " is already in use: stop what holds it or start the broker on another port");
        requireFree(settings.controllerPort(), "Controller port " + settings.controllerPort() + " of the broker in "
                + dir + " is already in use: stop what holds it (another broker on the same data dir?)");
        settings.save(dir);

        Path serverProperties = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(serverProperties)) {
            settings.serverProperties(dir).store(writer, "written by burnwatch on each start; edits are lost");
        }
        List<String> args = BrokerSettings.isFormatted(dir) ? List.of(serverProperties.toString())
                : List.of(BrokerMain.FORMAT, settings.clusterId(), serverProperties.toString());
        long started = System.nanoTime();
        long logStart = BrokerLogs.logEnd(dir);
        Files.deleteIfExists(dir.resolve(BrokerLogs.OUTPUT_FILE));
        Process process = ChildJvm.start(jvmOptions(dir), BrokerMain.class.getName(), args,
                dir.resolve(BrokerLogs.OUTPUT_FILE));
        KafkaBroker broker = new KafkaBroker(dir, settings.port(), process, logStart);
        try {
            broker.awaitReady();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker up at {} in {} ms, data in {}", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
        return broker;
    }

    private static BrokerSettings settingsFor(Path dir, int port) throws IOException {
        BrokerSettings saved = BrokerSettings.load(dir);
        if (saved == null) {
            if (BrokerSettings.isFormatted(dir)) {
                throw new IOException(dir + " holds Kafka data but no " + BrokerSettings.FILE
                        + ": use another data dir or delete this one");
            }
            return BrokerSettings.fresh(port == 0 ? FreePort.pick() : port);
        }
        if (port != 0) {
            return saved.withPort(port);
        }
        return FreePort.isFree(HOST, saved.port()) ? saved : saved.withPort(FreePort.pick());
    }

    private static void requireFree(int port, String message) throws IOException {
        if (!FreePort.isFree(HOST, port)) {
            throw new IOException(message);
        }
    }

    private static List<String> jvmOptions(Path dir) throws IOException {
        Path logConfig = dir.resolve("log4j2.xml");
        try (InputStream template = KafkaBroker.class.getResourceAsStream("broker-log4j2.xml")) {
            if (template == null) {
                throw new IOException("broker-log4j2.xml is missing from the burnwatch-local-kafka jar");
            }
            Files.copy(template, logConfig, StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of("-Xms256m", "-Xmx1g", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig.toUri(),
                "-Dburnwatch.broker.log=" + dir.resolve(BrokerLogs.LOG_FILE));
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        // Wait for the listener before creating a client, so the client does not log a warning per refused try.
        while (!acceptsConnections()) {
            checkAliveAndOnTime(deadline, null);
            pause();
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            Exception last = null;
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting for the Kafka broker in " + dataDir);
                }
                checkAliveAndOnTime(deadline, last);
                pause();
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAliveAndOnTime(long deadline, Exception last) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("Kafka broker in " + dataDir + " exited with code " + process.exitValue()
                    + " before it was ready:\n" + BrokerLogs.whyItFailed(dataDir, logStart));
        }
        if (System.nanoTime() - deadline >= 0) {
            throw new IOException("Kafka broker in " + dataDir + " did not answer on " + bootstrapServers()
                    + " within " + START_TIMEOUT.toSeconds() + " s"
                    + (last == null ? "" : " (" + last.getMessage() + ")")
                    + ";\n" + BrokerLogs.whyItFailed(dataDir, logStart), last);
        }
    }

    private void pause() throws InterruptedIOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the Kafka broker in " + dataDir);
        }
    }

    /** {@code 127.0.0.1:<port>}, for the {@code bootstrap.servers} setting of clients. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker through Kafka's clean shutdown and waits for it to exit. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        stop();
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Kafka broker in {} did not stop within {} s; killing it", dataDir, STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
