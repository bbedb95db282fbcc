package io.burnwatch.local.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The registry's HTTP server, on Jetty: requests are read without holding a worker thread, a connection silent
 * for {@link #IDLE_TIMEOUT_MS} is closed, headers and bodies are capped, and every error is Confluent-shaped JSON.
 */
final class RegistryHttpServer implements AutoCloseable {

    static final int THREADS = 8;
    static final long IDLE_TIMEOUT_MS = 10_000;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Well above any real schema, well below Kafka's 1 MB record limit for {@code _schemas}. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private RegistryHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static RegistryHttpServer start(String host, int port, SchemaRegistryHttp registry) throws Exception {
        return start(host, port, registry, IDLE_TIMEOUT_MS);
    }

    static RegistryHttpServer start(String host, int port, SchemaRegistryHttp registry, long idleTimeoutMs)
            throws Exception {
        // Two more than the workers: Jetty's acceptor and selector run on the same pool.
        QueuedThreadPool threads = new QueuedThreadPool(THREADS + 2, 2);
        threads.setName("schema-registry-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setIdleTimeout(idleTimeoutMs);
        http.setSendServerVersion(false);
        // Ids and subjects may hold an encoded '/' (%2F): endpoints split the raw path before decoding it.
        http.setUriCompliance(UriCompliance.DEFAULT.with("encoded-slash", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeoutMs);
        server.addConnector(connector);
        server.setErrorHandler(new ConfluentErrors());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getLength() > MAX_BODY_BYTES) {
                    write(response, tooLarge(), callback);
                    return true;
                }
                // The body is read without a thread, then answered on one: a slow body holds no worker.
                Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenCompleteAsync((body, failure) ->
                        write(response, failure == null ? registry.handle(call(request, body)) : unread(failure), callback),
                        threads);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new RegistryHttpServer(server, connector);
    }

    private static RegistryRequest call(Request request, byte[] body) {
        return new RegistryRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getHeaders().get(HttpHeader.AUTHORIZATION), body);
    }

    /** A body that could not be read: too large, or not sent in time (the connection is then most likely gone). */
    private static RegistryReply unread(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof IOException) {
                return SchemaRegistryHttp.reply(408, SchemaRegistryHttp.error(408, "The request body did not arrive in time"));
            }
        }
        return tooLarge();
    }

    private static RegistryReply tooLarge() {
        return SchemaRegistryHttp.reply(413, SchemaRegistryHttp.error(413,
                "Request bodies are limited to " + MAX_BODY_BYTES + " bytes"));
    }

    private static void write(Response response, RegistryReply reply, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, SchemaRegistryHttp.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the schema registry's HTTP server", e);
        }
    }

    /** Jetty's own errors (a malformed URI, headers too large, a timeout) as Confluent-shaped JSON. */
    private static final class ConfluentErrors extends ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
            RegistryHttpServer.write(response, SchemaRegistryHttp.reply(code, SchemaRegistryHttp.error(code, reason)), callback);
        }
    }
}
