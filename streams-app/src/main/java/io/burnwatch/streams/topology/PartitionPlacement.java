package io.burnwatch.streams.topology;

import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.clock.SourceClock;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Marks each record with whether it was read from its user's partition ({@link UserPartition}); a record that was
 * not is stamped with the partition it was read from, its source on the way to its user's ({@link SourceClock}).
 */
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
        if (!owned) {
            context.recordMetadata().ifPresent(source ->
                    SourceClock.stamp(record.headers(), InputSources.name(source.topic(), source.partition())));
        }
        context.forward(record.withValue(new Placed<>(record.value(), owned)));
    }
}
