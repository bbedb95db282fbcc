package io.burnwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stream thread failures")
class StreamThreadPolicyTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StreamThreadPolicy policy = new StreamThreadPolicy(3, Duration.ofMinutes(10), clock::get);

    @Test
    @DisplayName("a dead thread is replaced, up to 3 times in 10 minutes; the 4th failure shuts the instance down")
    void replacesThenGivesUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(policy.handle(new IllegalStateException("boom " + i))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.addAndGet(Duration.ofMinutes(1).toMillis());
        }
        assertThat(policy.handle(new IllegalStateException("again"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    @DisplayName("failures further apart than the window are each replaced")
    void oldFailuresAgeOut() {
        for (int i = 0; i < 10; i++) {
            assertThat(policy.handle(new IllegalStateException("boom " + i))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.addAndGet(Duration.ofMinutes(4).toMillis());
        }
    }

    @Test
    @DisplayName("from the moment a thread dies the instance is not ready, for a minute")
    void lostThreadMeansNotReady() {
        assertThat(policy.threadRecentlyLost()).isFalse();

        policy.handle(new IllegalStateException("boom"));

        assertThat(policy.threadRecentlyLost()).isTrue();
        clock.addAndGet(Duration.ofSeconds(59).toMillis());
        assertThat(policy.threadRecentlyLost()).isTrue();
        clock.addAndGet(Duration.ofSeconds(1).toMillis());
        assertThat(policy.threadRecentlyLost()).isFalse();
    }
}
