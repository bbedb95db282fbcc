package io.burnwatch.streams.http;

import java.io.IOException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty as burnwatch's HTTP servers run it (the app's endpoints, the receiver): a bounded pool of daemon threads,
 * request headers capped, silent connections closed, no server banner, errors as JSON.
 */
public final class JettyServers {

    private static final Logger LOG = LoggerFactory.getLogger(JettyServers.class);

    private JettyServers() {
    }

    /** A server whose pool holds {@code limits.threads()} workers, named {@code threadName}. */
    public static Server server(String threadName, HttpLimits limits) {
        // Two more than the workers: Jetty's acceptor and selector run on the same pool.
        QueuedThreadPool threads = new QueuedThreadPool(limits.threads() + 2, 2);
        threads.setName(threadName);
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        return new Server(threads);
    }

    public static QueuedThreadPool threads(Server server) {
        return (QueuedThreadPool) server.getThreadPool();
    }

    /** Header cap and idle timeout of {@code limits}, and no {@code Server} or {@code X-Powered-By} header. */
    public static HttpConfiguration configuration(HttpLimits limits) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        return http;
    }

    /** Binds {@code host:port} (port 0: any free port) on start, and answers Jetty's own errors as JSON. */
    public static ServerConnector listen(Server server, String host, int port, HttpLimits limits, HttpConfiguration http) {
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        return connector;
    }

    /** Starts {@code server}; a server that fails to start is stopped again. */
    public static void start(Server server) throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException(e.getMessage(), e);
        }
    }

    public static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("Stopping an HTTP server", e);
        }
    }
}
