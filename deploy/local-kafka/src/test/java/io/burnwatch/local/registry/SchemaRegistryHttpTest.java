package io.burnwatch.local.registry;

import static io.burnwatch.local.registry.TestSchemas.USAGE_V1;
import static io.burnwatch.local.registry.TestSchemas.USAGE_V2_NO_DEFAULT;
import static io.burnwatch.local.registry.TestSchemas.USAGE_V2_WITH_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.registry.RestSchemaRegistryClient;
import io.burnwatch.registry.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The REST surface over an in-memory log: routes, bodies, status codes and Confluent error codes. */
class SchemaRegistryHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private RegistryHttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        SchemaRegistry registry = new SchemaRegistry(new SchemaStore(), new RecordingSchemaLog());
        server = RegistryHttpServer.start("127.0.0.1", 0, new SchemaRegistryHttp(registry));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("burnwatch's REST client registers, looks up and fetches schemas by id")
    void restClientRoundTrip() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(base, null);
        Schema usage = new Schema.Parser().parse(USAGE_V1);

        int id = client.register("burnwatch.usage-value", usage);

        assertThat(new RestSchemaRegistryClient(base, null).idOf("burnwatch.usage-value", usage)).isEqualTo(id);
        assertThat(new RestSchemaRegistryClient(base, null).byId(id)).isEqualTo(usage);
        Schema incompatible = new Schema.Parser().parse(USAGE_V2_NO_DEFAULT);
        assertThatThrownBy(() -> client.register("burnwatch.usage-value", incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
    }

    @Test
    @DisplayName("subjects, versions and a version's raw schema are listed")
    void subjectsAndVersions() throws Exception {
        post("/subjects/usage-value/versions", schemaBody(USAGE_V1));
        post("/subjects/usage-value/versions", schemaBody(USAGE_V2_WITH_DEFAULT));

        assertThat(get("/subjects").body()).isEqualTo(JSON.readTree("[\"usage-value\"]"));
        assertThat(get("/subjects/usage-value/versions").body()).isEqualTo(JSON.readTree("[1,2]"));
        JsonNode latest = get("/subjects/usage-value/versions/latest").body();
        assertThat(latest.path("subject").asText()).isEqualTo("usage-value");
        assertThat(latest.path("version").asInt()).isEqualTo(2);
        assertThat(latest.path("id").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.path("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(USAGE_V2_WITH_DEFAULT));
        assertThat(get("/subjects/usage-value/versions/1/schema").body()).isEqualTo(JSON.readTree(
                new Schema.Parser().parse(USAGE_V1).toString()));
        assertThat(get("/schemas/ids/1/versions").body())
                .isEqualTo(JSON.readTree("[{\"subject\":\"usage-value\",\"version\":1}]"));
    }

    @Test
    @DisplayName("schemas by id ignore query parameters; unknown ids get 404 with error code 40403")
    void schemasById() throws Exception {
        post("/subjects/usage-value/versions", schemaBody(USAGE_V1));

        assertThat(get("/schemas/ids/1?subject=usage-value&fetchMaxId=false").body().path("schema").asText())
                .isEqualTo(new Schema.Parser().parse(USAGE_V1).toString());
        Reply missing = get("/schemas/ids/42");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error_code").asInt()).isEqualTo(40403);
        assertThat(get("/schemas/types").body()).isEqualTo(JSON.readTree("[\"AVRO\"]"));
    }

    @Test
    @DisplayName("errors are Confluent-shaped: status, error_code and message, in the registry's content type")
    void errorBodies() throws Exception {
        Reply unknownSubject = post("/subjects/nothing-value", schemaBody(USAGE_V1));
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.body()).isEqualTo(JSON.readTree(
                "{\"error_code\":40401,\"message\":\"Subject 'nothing-value' not found.\"}"));
        assertThat(unknownSubject.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");

        Reply unparsable = post("/subjects/usage-value/versions", "{\"schema\":\"{not avro\"}");
        assertThat(unparsable.status()).isEqualTo(422);
        assertThat(unparsable.body().path("error_code").asInt()).isEqualTo(42201);

        Reply malformed = post("/subjects/usage-value/versions", "{\"schema\":");
        assertThat(malformed.status()).isEqualTo(400);

        assertThat(get("/subjects/usage-value/versions/latest").body().path("error_code").asInt()).isEqualTo(40401);
        assertThat(get("/no/such/route").status()).isEqualTo(404);
        assertThat(send("DELETE", "/subjects", null).status()).isEqualTo(405);
    }

    @Test
    @DisplayName("compatibility is BACKWARD by default and can be set globally and per subject")
    void compatibilityConfig() throws Exception {
        assertThat(get("/config").body()).isEqualTo(JSON.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertThat(get("/config/usage-value").body().path("error_code").asInt()).isEqualTo(40408);

        assertThat(send("PUT", "/config/usage-value", "{\"compatibility\":\"NONE\"}").body())
                .isEqualTo(JSON.readTree("{\"compatibility\":\"NONE\"}"));
        assertThat(send("PUT", "/config", "{\"compatibility\":\"FULL\"}").status()).isEqualTo(200);
        assertThat(send("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}").body().path("error_code").asInt())
                .isEqualTo(42203);

        assertThat(get("/config").body().path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(get("/config/usage-value").body().path("compatibilityLevel").asText()).isEqualTo("NONE");
    }

    @Test
    @DisplayName("subjects with characters that need URL encoding round-trip")
    void encodedSubjects() throws Exception {
        Reply registered = post("/subjects/team%20a%2Fusage+v1-value/versions", schemaBody(USAGE_V1));
        assertThat(registered.status()).isEqualTo(200);

        assertThat(get("/subjects").body()).isEqualTo(JSON.readTree("[\"team a/usage+v1-value\"]"));
    }

    @Test
    @DisplayName("the compatibility endpoint answers is_compatible without registering")
    void compatibilityEndpoint() throws Exception {
        post("/subjects/usage-value/versions", schemaBody(USAGE_V1));

        assertThat(post("/compatibility/subjects/usage-value/versions/latest", schemaBody(USAGE_V2_NO_DEFAULT)).body())
                .isEqualTo(JSON.readTree("{\"is_compatible\":false}"));
        assertThat(get("/subjects/usage-value/versions").body()).isEqualTo(JSON.readTree("[1]"));
    }

    private record Reply(int status, String contentType, JsonNode body) {
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    private Reply post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }
}
