package io.burnwatch.streams.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Passes on the events that keep their contract; throws {@link InvalidRecordException} for the others. */
final class Validation<V extends SpecificRecord> implements FixedKeyProcessor<String, V, V> {

    private final Contract<V> contract;
    private FixedKeyProcessorContext<String, V> context;

    Validation(Contract<V> contract) {
        this.contract = contract;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        requireValue(record.value());
        contract.check(record.value(), context.currentSystemTimeMs(), context.currentStreamTimeMs());
        context.forward(record);
    }

    static void requireValue(Object value) {
        if (value == null) {
            throw new InvalidRecordException(DeadLetterReason.MISSING_VALUE, "the record has no value");
        }
    }
}
