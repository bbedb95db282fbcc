package io.burnwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the Confluent REST protocol, against a scripted HTTP peer. The real registry and
 * Confluent's own client are exercised in the local-kafka integration tests.
 */
class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopPeer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0) {
            bodies.add(JSON.readTree(body));
        }
        if (path.equals("/subjects/burnwatch.usage-value/versions")) {
            reply(exchange, 200, "{\"id\":7}");
        } else if (path.equals("/subjects/team%20a-value/versions")) {
            reply(exchange, 200, "{\"id\":8}");
        } else if (path.equals("/subjects/burnwatch.usage-value")) {
            reply(exchange, 200, "{\"subject\":\"burnwatch.usage-value\",\"id\":7,\"version\":1,\"schema\":\"\"}");
        } else if (path.equals("/schemas/ids/7")) {
            reply(exchange, 200, JSON.createObjectNode().put("schema", UsageEvent.getClassSchema().toString()).toString());
        } else if (path.equals("/subjects/burnwatch.outcomes-value/versions")) {
            reply(exchange, 409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        } else {
            reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    @DisplayName("register posts the schema to /subjects/<subject>/versions and caches the id")
    void registerPostsOnceAndCaches() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), null);

        assertThat(client.register("burnwatch.usage-value", UsageEvent.getClassSchema())).isEqualTo(7);
        assertThat(client.register("burnwatch.usage-value", UsageEvent.getClassSchema())).isEqualTo(7);

        assertThat(requests).containsExactly("POST /subjects/burnwatch.usage-value/versions");
        assertThat(contentTypes).containsExactly("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(bodies.get(0).get("schema").asText()))
                .isEqualTo(UsageEvent.getClassSchema());
    }

    @Test
    @DisplayName("a schema it registered is known by id without another request")
    void registeredSchemaIsCachedById() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), null);
        client.register("burnwatch.usage-value", UsageEvent.getClassSchema());

        assertThat(client.byId(7)).isEqualTo(UsageEvent.getClassSchema());
        assertThat(requests).hasSize(1);
    }

    @Test
    @DisplayName("byId fetches /schemas/ids/<id> once")
    void byIdFetchesOnce() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), null);

        assertThat(client.byId(7)).isEqualTo(UsageEvent.getClassSchema());
        assertThat(client.byId(7)).isEqualTo(UsageEvent.getClassSchema());

        assertThat(requests).containsExactly("GET /schemas/ids/7");
    }

    @Test
    @DisplayName("idOf looks the schema up under the subject without registering it")
    void idOfLooksUp() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), null);

        assertThat(client.idOf("burnwatch.usage-value", UsageEvent.getClassSchema())).isEqualTo(7);
        assertThat(requests).containsExactly("POST /subjects/burnwatch.usage-value");
    }

    @Test
    @DisplayName("subjects are URL-encoded")
    void subjectsAreEncoded() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), null);

        assertThat(client.register("team a-value", UsageEvent.getClassSchema())).isEqualTo(8);
    }

    @Test
    @DisplayName("registry errors carry the HTTP status and Confluent error code")
    void errorsCarryCodes() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), null);

        assertThatThrownBy(() -> client.register("burnwatch.outcomes-value", OutcomeEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("incompatible");
                });
        assertThatThrownBy(() -> client.byId(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    @DisplayName("basic auth credentials go in the Authorization header")
    void basicAuth() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url(), "svc:s3cret");

        client.byId(7);

        assertThat(authorizations).containsExactly("Basic c3ZjOnMzY3JldA==");
    }

    @Test
    @DisplayName("with several URLs, an unreachable one is skipped")
    void failsOverToTheNextUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestSchemaRegistryClient client = new RestSchemaRegistryClient("http://127.0.0.1:" + closedPort + "," + url(), null);

        assertThat(client.byId(7)).isEqualTo(UsageEvent.getClassSchema());
    }

    @Test
    @DisplayName("an unreachable registry is reported with its address")
    void unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestSchemaRegistryClient client = new RestSchemaRegistryClient("http://127.0.0.1:" + closedPort, null);

        assertThatThrownBy(() -> client.byId(7))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("unreachable");
    }
}
