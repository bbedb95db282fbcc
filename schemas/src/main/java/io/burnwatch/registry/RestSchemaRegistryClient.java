package io.burnwatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Talks the Confluent Schema Registry REST protocol, so it works with Confluent Schema Registry, Karapace,
 * Redpanda and Apicurio's ccompat API. Several comma-separated URLs are tried in turn.
 */
public class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    // One for the JVM: every serde builds its own client, and each HttpClient would keep a selector thread.
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final List<URI> baseUrls;
    private final String authorization;
    private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    /**
     * @param urls one or more registry base URLs, comma-separated
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
     */
    public RestSchemaRegistryClient(String urls, String basicAuthUserInfo) {
        this.baseUrls = parseUrls(urls);
        this.authorization = basicAuthUserInfo == null || basicAuthUserInfo.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static List<URI> parseUrls(String urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls.split(",")) {
            String trimmed = url.trim();
            if (!trimmed.isEmpty()) {
                parsed.add(URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/"));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("No schema registry URL given: set schema.registry.url");
        }
        return parsed;
    }

    @Override
    public int register(String subject, Schema schema) {
        return registered.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode response = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
            int id = response.path("id").asInt(-1);
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        Integer known = registered.get(new SubjectSchema(subject, schema));
        if (known != null) {
            return known;
        }
        return lookedUp.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode response = call("POST", "subjects/" + encode(subject), schemaBody(schema));
            int id = response.path("id").asInt(-1);
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema byId(int id) {
        return byId.computeIfAbsent(id, key -> {
            JsonNode response = call("GET", "schemas/ids/" + id, null);
            return new Schema.Parser().parse(response.path("schema").asText());
        });
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        SchemaRegistryException last = null;
        for (URI base : baseUrls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
                if (response.statusCode() / 100 == 2) {
                    return json;
                }
                throw new SchemaRegistryException(method + " " + path + " failed: HTTP " + response.statusCode()
                        + " " + json.path("message").asText(""), response.statusCode(),
                        json.path("error_code").asInt(-1));
            } catch (IOException e) {
                last = new SchemaRegistryException("Schema registry at " + base + " unreachable: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted calling the schema registry", e);
            }
        }
        throw last;
    }
}
