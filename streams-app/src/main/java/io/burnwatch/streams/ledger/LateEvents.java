package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counter {@code burnwatch.late.events} (tags {@code dimension}, {@code window}): events the ledger sends to the
 * late topic, once per dimension and window size they missed, as on the topic.
 */
final class LateEvents {

    static final String NAME = "burnwatch.late.events";

    private final Map<WindowSize, Counter> bySize = new EnumMap<>(WindowSize.class);

    LateEvents(BurnwatchMetrics metrics, Dimension dimension) {
        for (WindowSize size : WindowSize.values()) {
            bySize.put(size, Counter.builder(NAME).tag("dimension", dimension.name()).tag("window", size.label())
                    .description("Events that came after their window closed, sent to the late topic")
                    .register(metrics.registry()));
        }
    }

    void count(WindowSize size) {
        bySize.get(size).increment();
    }
}
