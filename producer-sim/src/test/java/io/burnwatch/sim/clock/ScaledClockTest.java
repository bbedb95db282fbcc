package io.burnwatch.sim.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    private static final Instant WALL = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant EVENT_START = Instant.parse("2026-03-02T09:00:00Z");

    private final SettableClock wall = new SettableClock(WALL);

    @Test
    void atSpeedTenEventTimeRunsTenTimesAsFastAsTheWallClock() {
        ScaledClock clock = new ScaledClock(wall, EVENT_START, 10);
        assertThat(clock.now()).isEqualTo(EVENT_START);

        wall.advance(Duration.ofSeconds(3));

        assertThat(clock.now()).isEqualTo(EVENT_START.plusSeconds(30));
    }

    @Test
    void anEventSixtySecondsAheadIsSixSecondsOfWallTimeAwayAtSpeedTen() {
        ScaledClock clock = new ScaledClock(wall, EVENT_START, 10);

        assertThat(clock.wallTimeUntil(EVENT_START.plusSeconds(60))).isEqualTo(Duration.ofSeconds(6));
        wall.advance(Duration.ofSeconds(4));
        assertThat(clock.wallTimeUntil(EVENT_START.plusSeconds(60))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void atSpeedOneEventTimeIsWallTimeShifted() {
        ScaledClock clock = new ScaledClock(wall, EVENT_START, 1);
        wall.advance(Duration.ofMillis(1_500));

        assertThat(clock.now()).isEqualTo(EVENT_START.plusMillis(1_500));
        assertThat(clock.wallTimeUntil(EVENT_START.plusSeconds(2))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void slowerThanRealTimeStretchesTheWait() {
        ScaledClock clock = new ScaledClock(wall, EVENT_START, 0.5);

        assertThat(clock.wallTimeUntil(EVENT_START.plusSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void eventsInThePastNeedNoWait() {
        ScaledClock clock = new ScaledClock(wall, EVENT_START, 10);
        wall.advance(Duration.ofSeconds(1));

        assertThat(clock.wallTimeUntil(EVENT_START.minusSeconds(300))).isZero();
        assertThat(clock.wallTimeUntil(EVENT_START.plusSeconds(10))).isZero();
    }

    @Test
    void aSpeedThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new ScaledClock(wall, EVENT_START, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScaledClock(wall, EVENT_START, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScaledClock(wall, EVENT_START, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
