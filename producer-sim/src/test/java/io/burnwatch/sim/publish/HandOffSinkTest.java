package io.burnwatch.sim.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.sim.Simulation;
import io.burnwatch.sim.persona.Cast;
import io.burnwatch.sim.persona.SimEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Handing events to a sending thread")
class HandOffSinkTest {

    private final List<SimEvent> generated = new ArrayList<>();
    private final List<SimEvent> sent = new ArrayList<>();
    private boolean closed;

    @Test
    @DisplayName("every event reaches the sink in order by the time it is closed, a partial last batch too")
    void deliversAllInOrder() {
        Simulation events = new Simulation(Cast.of(42, 10).personas(Instant.parse("2026-01-05T08:00:00Z")));
        EventSink recording = new EventSink() {
            @Override
            public void send(SimEvent event) {
                sent.add(event);
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        try (HandOffSink handOff = new HandOffSink(recording)) {
            for (int i = 0; i < 2_345; i++) {
                SimEvent event = events.next();
                generated.add(event);
                handOff.send(event);
            }
        }

        assertThat(sent).containsExactlyElementsOf(generated);
        assertThat(closed).isTrue();
    }

    @Test
    @DisplayName("a sink that fails makes sending fail, not hang")
    void failuresSurface() {
        Simulation events = new Simulation(Cast.of(42, 10).personas(Instant.parse("2026-01-05T08:00:00Z")));
        EventSink failing = new EventSink() {
            @Override
            public void send(SimEvent event) {
                throw new IllegalStateException("broker gone");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> {
            try (HandOffSink handOff = new HandOffSink(failing)) {
                for (int i = 0; i < 100_000; i++) {
                    handOff.send(events.next());
                }
            }
        }).hasMessageContaining("broker gone");
    }
}
