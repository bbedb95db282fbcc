package io.burnwatch.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health and status over HTTP: {@code GET /health/live} answers 200 while the process runs,
 * {@code GET /health/ready} 200 once Kafka Streams is RUNNING (else 503 and the state), {@code GET /status} JSON;
 * more endpoints are added with {@link #route}. Served by Jetty within {@link HttpLimits}: requests are read
 * without holding a worker thread, so slow or silent clients cannot starve the probes.
 */
public final class HealthServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private record Route(Access access, Endpoint endpoint) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final HttpLimits limits;
    private final BearerTokens tokens;
    private final Supplier<StreamsStatus> status;
    // Longest prefix first, so that the most specific route wins.
    private final Map<String, Route> routes = new ConcurrentSkipListMap<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    private HealthServer(Server server, ServerConnector connector, HttpLimits limits, BearerTokens tokens,
                         Supplier<StreamsStatus> status) {
        this.server = server;
        this.connector = connector;
        this.limits = limits;
        this.tokens = tokens;
        this.status = status;
    }

    /** Binds {@code host:port} (port 0: any free port) with the default limits and no tokens, and starts serving. */
    public static HealthServer start(String host, int port, Supplier<StreamsStatus> status) throws IOException {
        return start(host, port, HttpLimits.DEFAULT, BearerTokens.NONE, status);
    }

    /** Binds {@code host:port} (port 0: any free port) and starts serving. */
    public static HealthServer start(String host, int port, HttpLimits limits, BearerTokens tokens,
                                     Supplier<StreamsStatus> status) throws IOException {
        Server server = JettyServers.server("burnwatch-http", limits);
        HttpConfiguration http = JettyServers.configuration(limits);
        // Ids and subjects may hold an encoded '/' (%2F): endpoints split the raw path before decoding it.
        http.setUriCompliance(UriCompliance.DEFAULT.with("encoded-slash", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        ServerConnector connector = JettyServers.listen(server, host, port, limits, http);
        HealthServer health = new HealthServer(server, connector, limits, tokens, status);
        health.route("/health/live", Access.OPEN, call -> HttpAnswer.text(200, "LIVE\n"));
        health.route("/health/ready", Access.OPEN, health::ready);
        health.route("/status", Access.OPEN, health::status);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                health.serve(request, response, callback);
                return true;
            }
        });
        JettyServers.start(server);
        return health;
    }

    /**
     * Serves every path that starts with {@code prefix} with {@code endpoint}, to callers {@code access} admits;
     * the longest matching prefix wins.
     */
    public HealthServer route(String prefix, Access access, Endpoint endpoint) {
        routes.put(prefix, new Route(access, endpoint));
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = connector.getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    private void serve(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        HttpCall call = new HttpCall(method, request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                name -> request.getHeaders().get(name));
        HttpAnswer answer = answer(call, request.getLength());
        response.setStatus(answer.status());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    private HttpAnswer answer(HttpCall call, long contentLength) {
        if (contentLength > limits.maxBodyBytes()) {
            return HttpAnswer.error(413, "Request bodies are limited to " + limits.maxBodyBytes() + " bytes");
        }
        Route route = null;
        for (Map.Entry<String, Route> candidate : routes.entrySet()) {
            if (call.path().startsWith(candidate.getKey())) {
                route = candidate.getValue();
                break;
            }
        }
        if (route == null) {
            return HttpAnswer.error(404, "Not found: try /health/live, /health/ready, /status or /metrics");
        }
        HttpAnswer refusal = tokens.refusal(route.access(), call.header("Authorization"));
        if (refusal != null) {
            return refusal;
        }
        if (route.access() == Access.OPEN && !"GET".equals(call.method()) && !"HEAD".equals(call.method())) {
            return HttpAnswer.error(405, "Only GET and HEAD are allowed").withHeader("Allow", "GET, HEAD");
        }
        try {
            return route.endpoint().answer(call);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", call.method(), call.path(), e.toString());
            return HttpAnswer.error(500, "The request failed on this instance; see its log");
        }
    }

    private HttpAnswer ready(HttpCall call) {
        StreamsStatus now = status.get();
        return HttpAnswer.text(now.ready() ? 200 : 503, now.state() + "\n");
    }

    private HttpAnswer status(HttpCall call) {
        try {
            StreamsStatus now = status.get();
            // Unmapped identities are emails and logins: only for those who may see the query endpoints.
            if (tokens.refusal(Access.CLIENT, call.header("Authorization")) != null) {
                now = now.withoutIdentities();
            }
            return HttpAnswer.json(200, JSON.writeValueAsString(now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        JettyServers.stopQuietly(server);
    }
}
