package io.burnwatch.sim.truth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.persona.SimEvents;
import io.burnwatch.sim.publish.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthFileTest {

    @Test
    @DisplayName("writes each truth as a JSON line with the Avro field names and epoch millis, and passes every event on")
    void writesJsonLinesAndPassesEventsOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.jsonl");
        List<SimEvent> passed = new ArrayList<>();
        Simulation simulation = new Simulation(Cast.of(42, 6).personas(SimEvents.START));
        List<SimEvent> sent = new ArrayList<>();
        try (TruthFile sink = new TruthFile(file, new Recording(passed))) {
            for (int i = 0; i < 300; i++) {
                SimEvent event = simulation.next();
                sent.add(event);
                sink.send(event);
            }
            SessionTruth detected = SessionTruth.newBuilder().setSessionId("s-1").setUserId("u").setPersona("idle_looper")
                    .setLabel(TruthLabel.SHOULD_ALERT).setStartedAt(Instant.ofEpochMilli(1_000))
                    .setDetectableFrom(Instant.ofEpochMilli(61_000)).build();
            sent.add(new SimEvent.Truth(detected));
            sink.send(sent.get(sent.size() - 1));
        }

        assertThat(passed).isEqualTo(sent);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize((int) sent.stream().filter(e -> e instanceof SimEvent.Truth).count()).hasSizeGreaterThan(2);
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("session_id").asText()).isEqualTo("s-1");
        assertThat(last.get("label").asText()).isEqualTo("SHOULD_ALERT");
        assertThat(last.get("started_at").asLong()).isEqualTo(1_000);
        assertThat(last.get("detectable_from").asLong()).isEqualTo(61_000);
        assertThat(lines.get(0).get("detectable_from").isNull()).isTrue();
        assertThat(lines.get(0).get("persona").asText()).isNotEmpty();
        assertThat(lines.get(0).get("team_id").asText()).isNotEmpty();
    }

    private record Recording(List<SimEvent> events) implements EventSink {
        @Override
        public void send(SimEvent event) {
            events.add(event);
        }

        @Override
        public void close() {
        }
    }
}
