package io.burnwatch.local.registry;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks Confluent's REST protocol and keeps its schemas in the compacted Kafka topic
 * {@code _schemas}, so ids survive a restart of the registry as long as the broker keeps its data.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final RegistryHttpServer http;
    private final KafkaSchemaLog log;
    private final String url;

    private SchemaRegistryServer(RegistryHttpServer http, InetAddress address, KafkaSchemaLog log) {
        this.http = http;
        this.log = log;
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
    }

    /** Starts on {@code host} with no config token: compatibility changes are open, so {@code host} must be loopback. */
    public static SchemaRegistryServer start(String bootstrapServers, String host, int port) throws IOException {
        return start(bootstrapServers, host, port, null);
    }

    /**
     * Reads the schemas already in {@code _schemas} (creating the topic if needed) and starts answering.
     *
     * @param host the address to listen on, normally 127.0.0.1
     * @param port the port to listen on; 0 for any free port
     * @param configToken the bearer token {@code PUT /config} needs; required unless {@code host} is loopback
     */
    public static SchemaRegistryServer start(String bootstrapServers, String host, int port, String configToken)
            throws IOException {
        InetAddress address = address(host);
        ConfigToken token = ConfigToken.of(configToken);
        if (!token.required() && !address.isLoopbackAddress()) {
            throw new IOException("The schema registry on " + host + " is reachable from other machines but has no"
                    + " config token: set SCHEMA_REGISTRY_CONFIG_TOKEN, or listen on 127.0.0.1");
        }
        KafkaSchemaLog log = KafkaSchemaLog.open(bootstrapServers);
        try {
            SchemaStore store = new SchemaStore();
            int entries = log.replay(store::apply);
            RegistryHttpServer http = bind(host, port, new SchemaRegistryHttp(new SchemaRegistry(store, log), token));
            SchemaRegistryServer server = new SchemaRegistryServer(http, address, log);
            LOG.info("Schema registry at {} on Kafka {}, {} entries read from {}", server.url(), bootstrapServers,
                    entries, KafkaSchemaLog.TOPIC);
            return server;
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static InetAddress address(String host) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, 0);
        if (address.isUnresolved()) {
            throw new IOException("Cannot listen on host '" + host + "': it is not an address of this machine");
        }
        return address.getAddress();
    }

    private static RegistryHttpServer bind(String host, int port, SchemaRegistryHttp registry) throws IOException {
        try {
            return RegistryHttpServer.start(host, port, registry);
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IOException("Port " + port + " on " + host + " is already in use: stop what holds it or"
                        + " give the schema registry another port", e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        log.close();
    }
}
