package io.burnwatch.streams.connect.receiver;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.http.HttpAnswer;
import io.burnwatch.streams.http.HttpLimits;
import io.burnwatch.streams.http.JettyServers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's HTTP server, on Jetty like the app's: {@code POST /v1/logs}, {@code POST /webhooks/github},
 * {@code POST /webhooks/gitlab} and {@code GET /health}. What the headers can refuse (a disabled route, a missing or
 * wrong token, a wrong content type, a declared length over the cap) is refused before the body is read; the body
 * is read without holding a worker thread, capped, and then verified and written to Kafka on one. Every error is
 * the JSON {@code {"status": n, "message": m}}, never a stack trace.
 */
public final class ReceiverServer implements AutoCloseable {

    public static final String LOGS = "/v1/logs";
    public static final String GITHUB = "/webhooks/github";
    public static final String GITLAB = "/webhooks/gitlab";
    public static final String HEALTH = "/health";

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverServer.class);

    private final Server server;
    private final ServerConnector connector;

    private ReceiverServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Serves {@code settings}' routes, writing to {@code config}'s topics through {@code sink}. */
    public static ReceiverServer start(ReceiverSettings settings, BurnwatchConfig config, RecordSink sink)
            throws IOException {
        Map<String, Ingress> routes = Map.of(
                LOGS, new OtlpLogsIngress(settings.otlpTokens(), config.otlpLogsTopic(), sink, settings.maxRequestBytes()),
                GITHUB, WebhookIngress.github(settings.githubSecret(), config.webhooksTopic(), sink),
                GITLAB, WebhookIngress.gitlab(settings.gitlabToken(), config.webhooksTopic(), sink));
        // Long enough for a request waiting on Kafka to get its answer.
        return start(settings.host(), settings.port(), settings.limits(), settings.sendTimeout().plusSeconds(2), routes);
    }

    static ReceiverServer start(String host, int port, HttpLimits limits, Duration stopTimeout,
                                Map<String, Ingress> routes) throws IOException {
        Server server = JettyServers.server("burnwatch-receiver", limits);
        QueuedThreadPool threads = JettyServers.threads(server);
        ServerConnector connector = JettyServers.listen(server, host, port, limits, JettyServers.configuration(limits));
        // On stop, new requests are refused and those in flight answered, for up to the stop timeout.
        GracefulHandler graceful = new GracefulHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback, limits.maxBodyBytes(), routes, threads);
                return true;
            }
        });
        server.setHandler(graceful);
        server.setStopTimeout(stopTimeout.toMillis());
        JettyServers.start(server);
        return new ReceiverServer(server, connector);
    }

    private static void serve(Request request, Response response, Callback callback, int maxBytes,
                              Map<String, Ingress> routes, QueuedThreadPool threads) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        if (HEALTH.equals(path) || (HEALTH + "/live").equals(path)) {
            write(response, "GET".equals(method) || "HEAD".equals(method) ? HttpAnswer.text(200, "LIVE\n")
                    : HttpAnswer.error(405, "Only GET and HEAD are allowed").withHeader("Allow", "GET, HEAD"),
                    method, callback);
            return;
        }
        Ingress ingress = routes.get(path);
        if (ingress == null) {
            write(response, HttpAnswer.error(404, "Not found: the receiver serves POST " + LOGS + ", POST " + GITHUB
                    + ", POST " + GITLAB + " and GET " + HEALTH), method, callback);
            return;
        }
        if (!"POST".equals(method)) {
            write(response, HttpAnswer.error(405, "Only POST is allowed").withHeader("Allow", "POST"), method, callback);
            return;
        }
        UnaryOperator<String> headers = name -> request.getHeaders().get(name);
        HttpAnswer refusal = guarded(() -> ingress.precheck(headers), method, path);
        if (refusal == null && request.getLength() > maxBytes) {
            refusal = tooLarge(maxBytes);
        }
        if (refusal != null) {
            write(response, refusal, method, callback);
            return;
        }
        // The body is read without a thread, then verified and written to Kafka on one: a slow body holds no worker.
        Content.Source.asByteArrayAsync(request, maxBytes).whenCompleteAsync((body, failure) ->
                write(response, failure == null ? guarded(() -> ingress.accept(headers, body), method, path)
                        : unread(failure, maxBytes), method, callback), threads);
    }

    /** The answer to a record Kafka did not take. */
    static HttpAnswer failed(RecordSink.SendFailure failure) {
        HttpAnswer answer = HttpAnswer.error(failure.status(), failure.getMessage());
        return failure.status() == 503 ? answer.withHeader("Retry-After", "5") : answer;
    }

    private static HttpAnswer guarded(java.util.function.Supplier<HttpAnswer> endpoint, String method, String path) {
        try {
            return endpoint.get();
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, path, e.toString());
            return HttpAnswer.error(500, "The request failed on this receiver; see its log");
        }
    }

    /** A body that could not be read: too large, or not sent in time (the connection is then most likely gone). */
    private static HttpAnswer unread(Throwable failure, int maxBytes) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof IOException) {
                return HttpAnswer.error(408, "The request body did not arrive in time");
            }
        }
        return tooLarge(maxBytes);
    }

    private static HttpAnswer tooLarge(int maxBytes) {
        return HttpAnswer.error(413, "Request bodies are limited to " + maxBytes + " bytes");
    }

    private static void write(Response response, HttpAnswer answer, String method, Callback callback) {
        response.setStatus(answer.status());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = connector.getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        JettyServers.stopQuietly(server);
    }
}
