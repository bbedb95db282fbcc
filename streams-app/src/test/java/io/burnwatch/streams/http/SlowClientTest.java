package io.burnwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Clients that send half a request, or too much of one, while the probes must keep answering. */
@DisplayName("HTTP server under slow and oversized requests")
class SlowClientTest {

    /** An idle timeout far beyond the test's patience, so that only serving without a thread can pass. */
    private static final HttpLimits LIMITS = new HttpLimits(4, Duration.ofSeconds(60), 2048, 1024);
    private static final Duration PROMPT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROMPT).build();
    private final List<Socket> slow = new ArrayList<>();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        start(LIMITS);
    }

    private void start(HttpLimits limits) throws Exception {
        if (server != null) {
            server.close();
        }
        server = HealthServer.start("127.0.0.1", 0, limits, BearerTokens.NONE, () -> new StreamsStatus(State.RUNNING, 0));
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : slow) {
            socket.close();
        }
        server.close();
    }

    @Test
    @DisplayName("more half-sent requests than worker threads: /health/live still answers promptly")
    void halfSentRequests() throws Exception {
        for (int i = 0; i < LIMITS.threads() * 3; i++) {
            slow.add(halfRequest("GET /status HTTP/1.1\r\nHost: burnwatch\r\nX-Slow: "));
        }
        slow.add(halfRequest("POST /status HTTP/1.1\r\nHost: burnwatch\r\nContent-Length: 100\r\n\r\n{\"half\":"));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health/live"))
                    .timeout(PROMPT).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("LIVE\n");
        }
    }

    @Test
    @DisplayName("a connection that stops sending its request is closed after the idle timeout")
    void silentConnectionClosed() throws Exception {
        Duration idle = Duration.ofSeconds(1);
        start(new HttpLimits(LIMITS.threads(), idle, LIMITS.maxHeaderBytes(), LIMITS.maxBodyBytes()));
        Socket socket = halfRequest("GET /health/live HTTP/1.1\r\nHost: burnwatch\r\n");
        socket.setSoTimeout((int) idle.multipliedBy(5).toMillis());

        InputStream in = socket.getInputStream();
        // Either a 408 then end of stream, or end of stream at once: what matters is that the server lets go.
        byte[] rest = in.readAllBytes();

        assertThat(new String(rest, StandardCharsets.US_ASCII)).satisfiesAnyOf(
                text -> assertThat(text).isEmpty(), text -> assertThat(text).startsWith("HTTP/1.1 408"));
    }

    @Test
    @DisplayName("headers over the limit answer 431 in JSON; a body over the limit answers 413 in JSON")
    void oversized() throws Exception {
        HttpResponse<String> headers = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/status"))
                .header("X-Padding", "x".repeat(LIMITS.maxHeaderBytes())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(headers.statusCode()).isEqualTo(431);
        assertJsonError(headers, 431);

        HttpResponse<String> body = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/status"))
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(LIMITS.maxBodyBytes() + 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(body.statusCode()).isEqualTo(413);
        assertJsonError(body, 413);
    }

    private Socket halfRequest(String start) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    static void assertJsonError(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"status\":" + status + ",\"message\":\"")
                .doesNotContain("<html", "Exception", "\tat ");
    }
}
