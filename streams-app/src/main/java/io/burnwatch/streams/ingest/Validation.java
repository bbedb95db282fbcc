package io.burnwatch.streams.ingest;

import io.burnwatch.streams.clock.SourceClock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Passes on the events that keep their contract, measuring how far behind the wall clock each is read; throws
 * {@link InvalidRecordException} for the others. Every record it reads is counted by topic. An event is too old
 * by the stream time of its own source ({@link SourceClock}), not by one that another source's backlog advanced.
 */
final class Validation<V extends SpecificRecord> implements FixedKeyProcessor<String, V, V> {

    private final Contract<V> contract;
    private FixedKeyProcessorContext<String, V> context;
    private IngestMetrics metrics;
    private EventsIn eventsIn;
    private final SourceClock sources = new SourceClock();

    Validation(Contract<V> contract) {
        this.contract = contract;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
        this.metrics = IngestMetrics.from(context.appConfigs());
        this.eventsIn = new EventsIn(metrics);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        context.recordMetadata().ifPresent(eventsIn::count);
        requireValue(record.value());
        if (record.key() == null) {
            throw new InvalidRecordException(DeadLetterReason.MISSING_KEY, "the record has no key; expected its user_id");
        }
        long now = context.currentSystemTimeMs();
        long ts = contract.ts(record.value()).toEpochMilli();
        String source = SourceClock.sourceOf(record.headers());
        contract.check(record.value(), now, Math.max(sources.clockOf(source), ts));
        sources.observe(source, ts, now);
        metrics.lag(now, ts);
        context.forward(record);
    }

    static void requireValue(Object value) {
        if (value == null) {
            throw new InvalidRecordException(DeadLetterReason.MISSING_VALUE, "the record has no value");
        }
    }
}
