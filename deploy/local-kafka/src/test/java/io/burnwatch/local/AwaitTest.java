package io.burnwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    @DisplayName("returns the first non-null value, polling until it comes")
    void returnsFirstValue() {
        AtomicInteger polls = new AtomicInteger();

        String value = Await.until(Duration.ofSeconds(5), "the third poll",
                () -> polls.incrementAndGet() == 3 ? "ready" : null);

        assertThat(value).isEqualTo("ready");
        assertThat(polls).hasValue(3);
    }

    @Test
    @DisplayName("fails with an AssertionError naming what it waited for")
    void timesOutNamingTheCondition() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), "usage rollups to appear", () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("usage rollups to appear");
    }
}
