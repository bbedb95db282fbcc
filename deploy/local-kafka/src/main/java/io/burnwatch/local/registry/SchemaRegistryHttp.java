package io.burnwatch.local.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST endpoints that serializers, deserializers and tools call. Query parameters
 * are ignored; errors carry Confluent's {@code error_code}.
 */
final class SchemaRegistryHttp implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @FunctionalInterface
    interface Endpoint {
        Object answer(RegistryCall call) throws RegistryException, IOException;
    }

    private record Route(String method, List<String> pattern, Endpoint endpoint) {

        List<String> match(List<String> path) {
            if (path.size() != pattern.size()) {
                return null;
            }
            List<String> params = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                if (pattern.get(i).equals("*")) {
                    params.add(path.get(i));
                } else if (!pattern.get(i).equals(path.get(i))) {
                    return null;
                }
            }
            return params;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConfigRequest(String compatibility) {
    }

    private final List<Route> routes = new ArrayList<>();

    SchemaRegistryHttp(SchemaRegistry registry) {
        SchemaStore store = registry.store();
        route("GET", "", call -> Map.of());
        route("GET", "subjects", call -> store.subjects());
        route("POST", "subjects/*", call -> registry.lookup(call.param(0), call.body(SchemaRequest.class)));
        route("GET", "subjects/*/versions", call -> store.versions(call.param(0)));
        route("POST", "subjects/*/versions",
                call -> Map.of("id", registry.register(call.param(0), call.body(SchemaRequest.class)).id()));
        route("GET", "subjects/*/versions/*", call -> store.version(call.param(0), call.param(1)));
        route("GET", "subjects/*/versions/*/schema",
                call -> JSON.readTree(store.version(call.param(0), call.param(1)).schema()));
        route("GET", "schemas/types", call -> List.of("AVRO"));
        route("GET", "schemas/ids/*", call -> Map.of("schema", store.schemaById(call.idParam(0))));
        route("GET", "schemas/ids/*/versions", call -> store.usagesOf(call.idParam(0)));
        route("GET", "config", call -> Map.of("compatibilityLevel", store.globalCompatibility()));
        route("PUT", "config", call -> Map.of("compatibility",
                registry.setCompatibility(null, call.body(ConfigRequest.class).compatibility())));
        route("GET", "config/*", call -> Map.of("compatibilityLevel", store.subjectCompatibility(call.param(0))
                .orElseThrow(() -> RegistryException.noSubjectCompatibility(call.param(0)))));
        route("PUT", "config/*", call -> Map.of("compatibility",
                registry.setCompatibility(call.param(0), call.body(ConfigRequest.class).compatibility())));
        route("POST", "compatibility/subjects/*/versions/*", call -> Map.of("is_compatible",
                registry.isCompatible(call.param(0), call.param(1), call.body(SchemaRequest.class))));
    }

    private void route(String method, String pattern, Endpoint endpoint) {
        List<String> segments = pattern.isEmpty() ? List.of() : Arrays.asList(pattern.split("/"));
        routes.add(new Route(method, segments, endpoint));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<String> path = segments(exchange.getRequestURI().getRawPath());
            String method = exchange.getRequestMethod();
            try {
                reply(exchange, 200, answer(method, path, body));
            } catch (RegistryException e) {
                reply(exchange, e.status(), error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException | IOException e) {
                LOG.error("{} {} failed", method, exchange.getRequestURI().getRawPath(), e);
                reply(exchange, 500, error(500, "Internal Server Error: " + e.getMessage()));
            }
        } finally {
            exchange.close();
        }
    }

    private Object answer(String method, List<String> path, byte[] body) throws RegistryException, IOException {
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(path);
            if (params != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return route.endpoint().answer(new RegistryCall(params, body, JSON));
                }
            }
        }
        if (pathKnown) {
            throw new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
        }
        throw new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                // A '+' in a path is a plus sign, not an encoded space.
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Object error(int errorCode, String message) {
        return JSON.createObjectNode().put("error_code", errorCode).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
