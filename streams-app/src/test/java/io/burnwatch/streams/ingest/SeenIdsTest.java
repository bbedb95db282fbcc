package io.burnwatch.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Seen event ids")
class SeenIdsTest {

    private static final long HORIZON_MS = Duration.ofMinutes(10).toMillis();
    private static final long T0 = 1_772_445_600_000L;

    private final SeenIds seen = new SeenIds(Duration.ofMillis(HORIZON_MS));

    @Test
    @DisplayName("an id added is there; with a generation full, about 1% of the ids never added seem to be")
    void addedOrNot() {
        for (long i = 0; i < SeenIds.EXPECTED_IDS; i++) {
            seen.add("e-" + i, T0);
        }

        assertThat(LongStream.range(0, SeenIds.EXPECTED_IDS).allMatch(i -> seen.mightContain("e-" + i))).isTrue();
        long falsePositives = IntStream.range(0, 10_000).filter(i -> seen.mightContain("other-" + i)).count();
        assertThat(falsePositives).isBetween(50L, 200L);
    }

    @Test
    @DisplayName("an id is kept through the next generation and dropped at the one after")
    void twoGenerations() {
        seen.add("e-1", T0);
        seen.add("e-2", T0 + HORIZON_MS - 1);
        seen.add("e-3", T0 + HORIZON_MS);
        assertThat(seen.mightContain("e-1")).isTrue();
        assertThat(seen.mightContain("e-2")).isTrue();

        seen.add("e-4", T0 + 2 * HORIZON_MS - 1);
        assertThat(seen.mightContain("e-2")).as("its generation started less than a horizon ago").isTrue();
        seen.add("e-5", T0 + 2 * HORIZON_MS);
        assertThat(seen.mightContain("e-1")).isFalse();
        assertThat(seen.mightContain("e-2")).isFalse();
        assertThat(seen.mightContain("e-3")).isTrue();
        assertThat(seen.mightContain("e-4")).isTrue();
    }

    @Test
    @DisplayName("a late id joins the current generation, and does not move it")
    void lateId() {
        seen.add("e-1", T0 + HORIZON_MS / 2);
        seen.add("late", T0);
        seen.add("e-2", T0 + HORIZON_MS + HORIZON_MS / 2);

        assertThat(seen.mightContain("late")).isTrue();
        assertThat(seen.mightContain("e-1")).isTrue();
    }

    @Test
    @DisplayName("a jump of two horizons drops both generations")
    void jump() {
        seen.add("e-1", T0);
        seen.add("e-2", T0 + HORIZON_MS);
        seen.add("e-3", T0 + 3 * HORIZON_MS);

        assertThat(seen.mightContain("e-1")).isFalse();
        assertThat(seen.mightContain("e-2")).isFalse();
        assertThat(seen.mightContain("e-3")).isTrue();
    }
}
