package io.burnwatch.streams.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Marks each record with whether it was read from its user's partition ({@link UserPartition}). */
final class PartitionPlacement<V> implements FixedKeyProcessor<String, V, Placed<V>> {

    private final int partitions;
    private FixedKeyProcessorContext<String, Placed<V>> context;

    PartitionPlacement(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Placed<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        // Without metadata (a punctuation's forward) there is no partition to be wrong about.
        boolean owned = context.recordMetadata()
                .map(source -> UserPartition.owns(source.partition(), record.key(), partitions))
                .orElse(true);
        context.forward(record.withValue(new Placed<>(record.value(), owned)));
    }
}
