package io.burnwatch.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Health and status over HTTP: {@code GET /health/live} answers 200 while the process runs,
 * {@code GET /health/ready} 200 once Kafka Streams is RUNNING (else 503 and the state), {@code GET /status} JSON;
 * more endpoints are added with {@link #route}.
 */
public final class HealthServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Supplier<StreamsStatus> status;

    private HealthServer(HttpServer server, Supplier<StreamsStatus> status) {
        this.server = server;
        this.status = status;
    }

    /** Binds {@code host:port} (port 0: any free port) and starts serving. */
    public static HealthServer start(String host, int port, Supplier<StreamsStatus> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        HealthServer health = new HealthServer(server, status);
        server.createContext("/health/live", exchange -> respond(exchange, 200, "text/plain", "LIVE\n"));
        server.createContext("/health/ready", health::ready);
        server.createContext("/status", health::status);
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain",
                "Not found: try /health/live, /health/ready, /status or /metrics\n"));
        server.start();
        return health;
    }

    /** Serves every path that starts with {@code prefix} with {@code handler}; the longest matching prefix wins. */
    public HealthServer route(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private void ready(HttpExchange exchange) throws IOException {
        StreamsStatus now = status.get();
        respond(exchange, now.ready() ? 200 : 503, "text/plain", now.state() + "\n");
    }

    private void status(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "application/json", JSON.writeValueAsString(status.get()));
    }

    /** Answers GET with {@code body} and HEAD with its headers, any other method with 405; closes the exchange. */
    public static void respond(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType + "; charset=utf-8");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(code, -1);
                return;
            }
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
