package io.burnwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Durations in settings")
class DurationsTest {

    @Test
    @DisplayName("read a whole number and a unit")
    void parsesEachUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse(" 15 m ")).isEqualTo(Duration.ofMinutes(15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "m", "1.5h", "-1m", "PT10M", "10 minutes", "10M"})
    @DisplayName("reject anything else, naming the format")
    void rejectsOtherForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e.g. 30s, 10m or 1h");
    }

    @Test
    @DisplayName("print in the largest unit that fits exactly, so they read back the same")
    void formatsRoundTrip() {
        for (String text : new String[] {"250ms", "30s", "90s", "10m", "1h", "25h", "2d"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ofMinutes(120))).isEqualTo("2h");
    }
}
