package io.burnwatch.sim.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rate pacer, on a clock that moves only when the test moves it")
class RatePacerTest {

    private final SettableClock wall = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

    @Test
    @DisplayName("a sender that waits as told sends the target rate")
    void holdsTheTargetRate() {
        RatePacer pacer = new RatePacer(wall, 1_000);
        Instant start = wall.instant();
        for (int i = 0; i < 5_000; i++) {
            wall.advance(pacer.waitForNext());
        }

        assertThat(Duration.between(start, wall.instant())).isEqualTo(Duration.ofMillis(4_999));
    }

    @Test
    @DisplayName("short waits even out: the schedule is absolute, so waiting too long is made up for")
    void oversleepingIsMadeUp() {
        RatePacer pacer = new RatePacer(wall, 100);
        assertThat(pacer.waitForNext()).isZero();
        assertThat(pacer.waitForNext()).isEqualTo(Duration.ofMillis(10));
        wall.advance(Duration.ofMillis(15));

        assertThat(pacer.waitForNext()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    @DisplayName("a sender that fell far behind catches up by at most 100 ms of slots, not in one burst")
    void catchUpIsBounded() {
        RatePacer pacer = new RatePacer(wall, 1_000);
        pacer.waitForNext();
        wall.advance(Duration.ofSeconds(10));

        int immediate = 0;
        while (pacer.waitForNext().isZero()) {
            immediate++;
        }

        assertThat(immediate).isBetween(100, 101);
    }
}
