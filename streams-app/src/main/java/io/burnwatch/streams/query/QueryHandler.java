package io.burnwatch.streams.query;

import io.burnwatch.streams.http.Access;
import io.burnwatch.streams.http.Endpoint;
import io.burnwatch.streams.http.HttpAnswer;
import io.burnwatch.streams.http.HttpCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query endpoints over HTTP, JSON in and out: {@code GET /users/{id}}, {@code GET /alerts?status=OPEN},
 * {@code GET /leaderboard?period=day&by=cost&limit=10}, and the {@code /internal/} endpoints instances ask each
 * other. Errors are {@code {"status": code, "message": text}}; a 503 carries {@code Retry-After}.
 */
public final class QueryHandler implements Endpoint {

    /** The path prefixes to route here, and who may call them: the internal endpoints are for peers only. */
    public static final Map<String, Access> PATHS = Map.of("/users/", Access.CLIENT, "/alerts", Access.CLIENT,
            "/leaderboard", Access.CLIENT, "/internal/", Access.PEER);

    static final int MAX_LIMIT = 100;
    private static final int DEFAULT_LIMIT = 10;
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final ClusterQueries queries;

    public QueryHandler(ClusterQueries queries) {
        this.queries = queries;
    }

    @Override
    public HttpAnswer answer(HttpCall call) {
        Answer answer;
        try {
            answer = "GET".equals(call.method()) ? query(call)
                    : Answer.of(new QueryException(405, "Only GET is allowed"));
        } catch (QueryException problem) {
            answer = Answer.of(problem);
        } catch (InvalidStateStoreException notQueryable) {
            answer = Answer.of(QueryException.unavailable("The stores are not queryable yet (" + notQueryable.getMessage() + ")"));
        } catch (RuntimeException e) {
            LOG.warn("Query {} failed", call.path(), e);
            answer = Answer.of(new QueryException(500, "The query failed on this instance; see its log"));
        }
        return send(answer);
    }

    private Answer query(HttpCall call) {
        String path = call.path();
        Map<String, String> parameters = parameters(call.query());
        boolean forwarded = call.header(ClusterQueries.FORWARDED) != null;
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
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new QueryException(400, "Malformed percent-encoding in the request: use %XX with two hex digits");
        }
    }

    private static HttpAnswer send(Answer answer) {
        HttpAnswer http = HttpAnswer.json(answer.status(), answer.json());
        if (answer.status() == 503) {
            http = http.withHeader("Retry-After", Integer.toString(QueryException.RETRY_AFTER_SECONDS));
        }
        if (answer.status() == 405) {
            http = http.withHeader("Allow", "GET");
        }
        return http;
    }
}
