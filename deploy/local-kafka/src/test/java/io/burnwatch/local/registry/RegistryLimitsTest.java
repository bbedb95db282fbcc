package io.burnwatch.local.registry;

import static io.burnwatch.local.registry.TestSchemas.USAGE_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.registry.RestSchemaRegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the registry refuses: oversized bodies, bodies that are not JSON, compatibility changes without the token. */
@DisplayName("Schema registry limits and config token")
class RegistryLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "registry-config-token-0123456789";
    private static final Duration PROMPT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROMPT).build();
    private final List<Socket> slow = new ArrayList<>();
    private RegistryHttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        SchemaRegistry registry = new SchemaRegistry(new SchemaStore(), new RecordingSchemaLog());
        server = RegistryHttpServer.start("127.0.0.1", 0, new SchemaRegistryHttp(registry, ConfigToken.of(TOKEN)),
                // Far beyond the test's patience, so that only reading bodies without a thread can pass.
                60_000);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : slow) {
            socket.close();
        }
        server.close();
    }

    @Test
    @DisplayName("a 5 MB schema answers 413 with a Confluent error before its body is read, and the registry keeps serving")
    void oversizedSchema() throws Exception {
        // A raw socket: a client still writing the 5 MB body may see the refused connection close before the answer.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /subjects/huge-value/versions HTTP/1.1\r\nHost: r\r\nContent-Type: "
                    + SchemaRegistryHttp.CONTENT_TYPE + "\r\nContent-Length: " + 5 * 1024 * 1024
                    + "\r\n\r\n{\"schema\":\"").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 413 ");
            JsonNode error = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(error.path("error_code").asInt()).isEqualTo(413);
        }
        assertThat(send("GET", "/subjects", null, null, null).body()).isEqualTo("[]");
    }

    @Test
    @DisplayName("a body that is not JSON answers 415; the registry's and plain JSON content types are accepted")
    void contentTypes() throws Exception {
        String body = JSON.createObjectNode().put("schema", USAGE_V1).toString();

        HttpResponse<String> form = send("POST", "/subjects/usage-value/versions", "application/x-www-form-urlencoded", null, body);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(form.body()).path("error_code").asInt()).isEqualTo(415);
        assertThat(send("POST", "/subjects/usage-value/versions", null, null, body).statusCode()).isEqualTo(415);

        assertThat(send("POST", "/subjects/usage-value/versions", "application/json; charset=utf-8", null, body).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/subjects/usage-value", SchemaRegistryHttp.CONTENT_TYPE, null, body).statusCode())
                .isEqualTo(200);
        Schema usage = new Schema.Parser().parse(USAGE_V1);
        assertThat(new RestSchemaRegistryClient(base, null).register("usage-value", usage)).as("burnwatch's own client")
                .isEqualTo(new RestSchemaRegistryClient(base, null).idOf("usage-value", usage));
    }

    @Test
    @DisplayName("changing compatibility needs the config token: none or a wrong one gets 401, the right one 200")
    void configToken() throws Exception {
        String none = "{\"compatibility\":\"NONE\"}";

        for (String path : List.of("/config", "/config/usage-value")) {
            HttpResponse<String> anonymous = send("PUT", path, SchemaRegistryHttp.CONTENT_TYPE, null, none);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(anonymous.body()).path("error_code").asInt()).isEqualTo(40101);
            assertThat(send("PUT", path, SchemaRegistryHttp.CONTENT_TYPE, "Bearer " + TOKEN + "x", none).statusCode())
                    .as(path).isEqualTo(401);
        }
        assertThat(send("GET", "/config", null, null, null).body()).contains("BACKWARD");

        assertThat(send("PUT", "/config", SchemaRegistryHttp.CONTENT_TYPE, "Bearer " + TOKEN, none).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/config", null, null, null).body()).contains("NONE");
    }

    @Test
    @DisplayName("half-sent requests, more than its threads, do not stop it answering")
    void slowClients() throws Exception {
        for (int i = 0; i < RegistryHttpServer.THREADS * 3; i++) {
            Socket socket = new Socket("127.0.0.1", server.port());
            OutputStream out = socket.getOutputStream();
            out.write("POST /subjects/x-value/versions HTTP/1.1\r\nHost: r\r\nContent-Length: 50\r\n\r\n{\"sch"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            slow.add(socket);
        }

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(base + "/subjects")).timeout(PROMPT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("malformed percent-encoding answers 400 in Confluent's error shape")
    void malformedPath() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /subjects/%zz/versions HTTP/1.1\r\nHost: r\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400 ");
            JsonNode error = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(error.path("error_code").asInt()).isEqualTo(400);
            assertThat(error.path("message").asText()).doesNotContain("Exception");
        }
    }

    @Test
    @DisplayName("listening beyond loopback without a config token is refused, naming the fix, before Kafka is asked")
    void beyondLoopbackNeedsToken() {
        assertThatThrownBy(() -> SchemaRegistryServer.start("127.0.0.1:1", "0.0.0.0", 0, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("SCHEMA_REGISTRY_CONFIG_TOKEN").hasMessageContaining("127.0.0.1");
    }

    private HttpResponse<String> send(String method, String path, String contentType, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
