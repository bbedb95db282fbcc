package io.burnwatch.streams.ingest;

import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Counts the records a processor reads, by the input topic each came from. */
final class EventsIn {

    private final IngestMetrics metrics;
    private final Map<String, Counter> byTopic = new HashMap<>();

    EventsIn(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    void count(RecordMetadata source) {
        byTopic.computeIfAbsent(source.topic(), metrics::eventsIn).increment();
    }
}
