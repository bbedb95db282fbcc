package io.burnwatch.local.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks Confluent's REST protocol and keeps its schemas in the compacted Kafka topic
 * {@code _schemas}, so ids survive a restart of the registry as long as the broker keeps its data.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int HTTP_THREADS = 4;

    private final HttpServer http;
    private final ExecutorService executor;
    private final KafkaSchemaLog log;
    private final String url;

    private SchemaRegistryServer(HttpServer http, ExecutorService executor, KafkaSchemaLog log) {
        this.http = http;
        this.executor = executor;
        this.log = log;
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Reads the schemas already in {@code _schemas} (creating the topic if needed) and starts answering.
     *
     * @param host the address to listen on, normally 127.0.0.1
     * @param port the port to listen on; 0 for any free port
     */
    public static SchemaRegistryServer start(String bootstrapServers, String host, int port) throws IOException {
        KafkaSchemaLog log = KafkaSchemaLog.open(bootstrapServers);
        try {
            SchemaStore store = new SchemaStore();
            int entries = log.replay(store::apply);
            HttpServer http = bind(host, port);
            ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
            http.setExecutor(executor);
            http.createContext("/", new SchemaRegistryHttp(new SchemaRegistry(store, log)));
            http.start();
            SchemaRegistryServer server = new SchemaRegistryServer(http, executor, log);
            LOG.info("Schema registry at {} on Kafka {}, {} entries read from {}", server.url(), bootstrapServers,
                    entries, KafkaSchemaLog.TOPIC);
            return server;
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static HttpServer bind(String host, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("Cannot listen on host '" + host + "': it is not an address of this machine");
        }
        try {
            return HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new IOException("Port " + port + " on " + host + " is already in use: stop what holds it or give"
                    + " the schema registry another port", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
    public String url() {
        return url;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
