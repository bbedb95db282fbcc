package io.burnwatch.streams.ingest;

import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * What ingest sees: input records read by topic ({@code burnwatch.events.in}), the end-to-end lag of each event, the
 * wall clock minus its {@code ts} when burnwatch reads it ({@code burnwatch.end.to.end.lag}), dead letters by reason
 * ({@code burnwatch.dead.letters}) and dropped repeats by stream ({@code burnwatch.duplicates}).
 */
public final class IngestMetrics {

    public static final String EVENTS_IN = "burnwatch.events.in";
    public static final String LAG = "burnwatch.end.to.end.lag";
    public static final String DEAD_LETTERS = "burnwatch.dead.letters";
    public static final String DUPLICATES = "burnwatch.duplicates";

    private static final Duration[] LAG_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofDays(1)};

    private final BurnwatchMetrics metrics;
    private final MeterRegistry registry;
    private final Timer lag;

    public IngestMetrics(BurnwatchMetrics metrics) {
        this.metrics = metrics;
        this.registry = metrics.registry();
        this.lag = Timer.builder(LAG).description("Wall clock minus event time of each event read")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetterCounter(reason);
        }
    }

    public static IngestMetrics from(Map<String, ?> configs) {
        return new IngestMetrics(BurnwatchMetrics.from(configs));
    }

    /** The count of records read from {@code topic}. */
    public Counter eventsIn(String topic) {
        return Counter.builder(EVENTS_IN).tag("topic", topic).description("Input records read").register(registry);
    }

    /** Records how far behind the wall clock an event of time {@code eventTimeMs} is read; a future one is not lag. */
    public void lag(long nowMs, long eventTimeMs) {
        lag.record(Duration.ofMillis(Math.max(0, nowMs - eventTimeMs)));
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetterCounter(reason).increment();
    }

    public void duplicate(String stream) {
        Counter.builder(DUPLICATES).tag("stream", stream).description("Repeated events dropped within the dedup horizon")
                .register(registry).increment();
    }

    /** Dead letters so far by reason, every reason listed. */
    public Map<String, Long> deadLetters() {
        return metrics.counts(DEAD_LETTERS, "reason");
    }

    /** Dropped repeats so far by stream ({@code usage}, {@code outcome}). */
    public Map<String, Long> duplicates() {
        return metrics.counts(DUPLICATES, "stream");
    }

    private Counter deadLetterCounter(DeadLetterReason reason) {
        return Counter.builder(DEAD_LETTERS).tag("reason", reason.name())
                .description("Input records sent to the dead letter queue").register(registry);
    }
}
