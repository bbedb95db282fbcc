package io.burnwatch.sim.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplayClockTest {

    @Test
    @DisplayName("every event is due at once, and event time follows the latest event")
    void nothingWaits() {
        Instant from = Instant.parse("2026-01-05T00:00:00Z");
        ReplayClock clock = new ReplayClock(from);

        assertThat(clock.now()).isEqualTo(from);
        assertThat(clock.wallTimeUntil(from.plusSeconds(3_600))).isZero();
        assertThat(clock.now()).isEqualTo(from.plusSeconds(3_600));
        assertThat(clock.wallTimeUntil(from.plusSeconds(60))).isZero();
        assertThat(clock.now()).isEqualTo(from.plusSeconds(3_600));
    }
}
