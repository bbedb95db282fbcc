package io.burnwatch.streams.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query endpoints over HTTP, JSON in and out: {@code GET /users/{id}}, {@code GET /alerts?status=OPEN},
 * {@code GET /leaderboard?period=day&by=cost&limit=10}, and the {@code /internal/} endpoints instances ask each
 * other. Errors are {@code {"status": code, "message": text}}; a 503 carries {@code Retry-After}.
 */
public final class QueryHandler implements HttpHandler {

    /** The path prefixes to route here. */
    public static final List<String> PATHS = List.of("/users/", "/alerts", "/leaderboard", "/internal/");

    static final int MAX_LIMIT = 100;
    private static final int DEFAULT_LIMIT = 10;
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final ClusterQueries queries;

    public QueryHandler(ClusterQueries queries) {
        this.queries = queries;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = "GET".equals(exchange.getRequestMethod()) ? answer(exchange)
                    : Answer.of(new QueryException(405, "Only GET is allowed"));
        } catch (QueryException problem) {
            answer = Answer.of(problem);
        } catch (InvalidStateStoreException notQueryable) {
            answer = Answer.of(QueryException.unavailable("The stores are not queryable yet (" + notQueryable.getMessage() + ")"));
        } catch (RuntimeException e) {
            LOG.warn("Query {} failed", exchange.getRequestURI().getPath(), e);
            answer = Answer.of(new QueryException(500, "Query failed: " + e.getMessage()));
        }
        send(exchange, answer);
    }

    private Answer answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
        boolean forwarded = exchange.getRequestHeaders().containsKey(ClusterQueries.FORWARDED);
        if (path.startsWith("/users/") && path.length() > "/users/".length() && path.indexOf('/', "/users/".length()) < 0) {
            return queries.user(decode(path.substring("/users/".length())), forwarded);
        }
        return switch (path) {
            case "/alerts" -> {
                String status = parameters.getOrDefault("status", "OPEN");
                if (!"OPEN".equals(status)) {
                    throw QueryException.badParameter("status", status,
                            "only OPEN is served here; resolved alerts are on the alerts topic");
                }
                yield Answer.ok(queries.openAlerts());
            }
            case "/leaderboard" -> {
                String period = parameters.getOrDefault("period", "day");
                if (!"day".equals(period)) {
                    throw QueryException.badParameter("period", period, "only day (the current UTC day) is supported");
                }
                yield Answer.ok(queries.leaderboard(Ranking.parse(parameters.getOrDefault("by", "cost")),
                        limit(parameters)));
            }
            case "/internal/alerts" -> Answer.ok(queries.local().openAlerts());
            case "/internal/leaderboard" -> Answer.ok(queries.local().leaderboard(day(parameters),
                    Ranking.parse(parameters.get("by")), limit(parameters)));
            default -> throw QueryException.notFound("No such endpoint " + path
                    + ": try /users/{id}, /alerts?status=OPEN or /leaderboard?period=day&by=cost");
        };
    }

    private static int limit(Map<String, String> parameters) {
        String limit = parameters.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT));
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw QueryException.badParameter("limit", limit, "a whole number from 1 to " + MAX_LIMIT);
    }

    private static LocalDate day(Map<String, String> parameters) {
        try {
            return LocalDate.parse(parameters.getOrDefault("day", ""));
        } catch (DateTimeParseException e) {
            throw QueryException.badParameter("day", parameters.get("day"), "a date such as 2026-03-02");
        }
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        try (exchange) {
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            if (answer.status() == 503) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(QueryException.RETRY_AFTER_SECONDS));
            }
            if (answer.status() == 405) {
                exchange.getResponseHeaders().add("Allow", "GET");
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
