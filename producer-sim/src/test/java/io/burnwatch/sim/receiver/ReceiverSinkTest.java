package io.burnwatch.sim.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sending through the receiver")
class ReceiverSinkTest {

    private static final ReceiverCredentials CREDENTIALS = new ReceiverCredentials("token-1", "secret-1");

    record Request(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<SimEvent> truths = new ArrayList<>();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ReceiverSink sink() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        Clock frozen = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
        return new ReceiverSink(base, CREDENTIALS, new EventSink() {
            @Override
            public void send(SimEvent event) {
                truths.add(event);
            }

            @Override
            public void close() {
            }
        }, frozen);
    }

    @Test
    @DisplayName("calls are batched per user and flushed before an outcome, which goes as a signed GitHub delivery")
    void batchesPerUserAndSignsDeliveries() throws Exception {
        UsageEvent alice = ReceiverPayloadsTest.agentCall();
        UsageEvent bob = UsageEvent.newBuilder(alice).setEventId("e-b").setUserId("bob").build();
        UsageEvent alice2 = UsageEvent.newBuilder(alice).setEventId("e-2").build();
        OutcomeEvent commit = OutcomeEvent.newBuilder().setEventId("o-1").setTs(alice.getTs()).setUserId("alice")
                .setSessionId(alice.getSessionId()).setRepo("acme/api").setKind(OutcomeKind.COMMIT)
                .setLinesAdded(1).setLinesRemoved(0).setRef("3f9a1c2b7d8e4f5a6b7c8d9e0f1a2b3c4d5e6f70").build();

        try (ReceiverSink sink = sink()) {
            sink.send(new SimEvent.Usage(alice));
            sink.send(new SimEvent.Usage(bob));
            sink.send(new SimEvent.Usage(alice2));
            assertThat(requests).as("the clock has not moved: still buffered").isEmpty();
            sink.send(new SimEvent.Outcome(commit));
        }

        assertThat(requests).extracting(Request::path).containsExactly("/v1/logs", "/v1/logs", "/webhooks/github");
        Request aliceBatch = requests.get(0);
        assertThat(aliceBatch.header("Authorization")).isEqualTo("Bearer token-1");
        assertThat(aliceBatch.header("Content-Type")).isEqualTo("application/x-protobuf");
        ExportLogsServiceRequest batch = ExportLogsServiceRequest.parseFrom(aliceBatch.body());
        assertThat(batch.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).isEqualTo(2);
        Request delivery = requests.get(2);
        assertThat(delivery.header("X-GitHub-Event")).isEqualTo("push");
        assertThat(delivery.header("X-GitHub-Delivery")).isEqualTo("o-1");
        assertThat(delivery.header("X-Hub-Signature-256"))
                .isEqualTo(GithubDeliveries.signature("secret-1".getBytes(StandardCharsets.UTF_8), delivery.body()));
        assertThat(delivery.header("Authorization")).isNull();
        assertThat(truths).isEmpty();
    }

    @Test
    @DisplayName("ground truth goes to the Kafka sink; a refusal stops the run naming the status")
    void truthToKafkaAndRefusalFails() {
        status = 401;
        ReceiverSink sink = sink();
        SimEvent.Truth truth = new SimEvent.Truth(io.burnwatch.schema.SessionTruth.newBuilder()
                .setSessionId("s-1").setUserId("alice").setPersona("light_user")
                .setLabel(io.burnwatch.schema.TruthLabel.MUST_NOT_ALERT)
                .setStartedAt(Instant.parse("2026-03-02T10:00:00Z")).build());
        sink.send(truth);
        assertThat(truths).containsExactly(truth);

        sink.send(new SimEvent.Usage(ReceiverPayloadsTest.agentCall()));
        assertThatThrownBy(sink::close).hasMessageContaining("401").hasMessageContaining("--receiver-token-file");
    }
}
