package io.burnwatch.local.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST endpoints that serializers, deserializers and tools call. Query parameters
 * are ignored; errors carry Confluent's {@code error_code}. A request with a body must say it is JSON (the content
 * types Confluent's registry accepts); with a config token set, changing compatibility needs it as a bearer token.
 */
final class SchemaRegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final Set<String> JSON_TYPES = Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json", "application/json");
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
    private final ConfigToken configToken;

    /** A registry whose compatibility anyone may change: for loopback only. */
    SchemaRegistryHttp(SchemaRegistry registry) {
        this(registry, ConfigToken.NONE);
    }

    SchemaRegistryHttp(SchemaRegistry registry, ConfigToken configToken) {
        this.configToken = configToken;
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

    RegistryReply handle(RegistryRequest request) {
        String method = request.method();
        try {
            List<String> path = segments(request.rawPath());
            if (request.body().length > 0 && !isJson(request.contentType())) {
                throw new RegistryException(415, 415, "Unsupported Content-Type: send " + CONTENT_TYPE
                        + " or application/json");
            }
            if ("PUT".equals(method) && !path.isEmpty() && path.get(0).equals("config")
                    && !configToken.admits(request.authorization())) {
                throw new RegistryException(401, 40101, "Changing compatibility needs the registry's config token"
                        + " as Authorization: Bearer <token>");
            }
            return reply(200, answer(method, path, request.body()));
        } catch (RegistryException e) {
            return reply(e.status(), error(e.errorCode(), e.getMessage()));
        } catch (RuntimeException | IOException e) {
            // The exception's message may quote the request: log its kind only.
            LOG.error("{} {} failed: {}", method, request.rawPath(), e.getClass().getName());
            return reply(500, error(50001, "Internal Server Error"));
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return JSON_TYPES.contains(type.toLowerCase(Locale.ROOT));
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

    private static List<String> segments(String rawPath) throws RegistryException {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                try {
                    // A '+' in a path is a plus sign, not an encoded space.
                    segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new RegistryException(400, 400, "Malformed percent-encoding in the path");
                }
            }
        }
        return segments;
    }

    static Object error(int errorCode, String message) {
        return JSON.createObjectNode().put("error_code", errorCode).put("message", message);
    }

    static RegistryReply reply(int status, Object body) {
        try {
            return new RegistryReply(status, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
