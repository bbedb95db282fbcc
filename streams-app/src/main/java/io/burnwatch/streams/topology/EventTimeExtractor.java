package io.burnwatch.streams.topology;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Event time is when the call completed or the outcome happened ({@code ts}), not when Kafka received it. */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof UsageEvent usage) {
            return usage.getTs().toEpochMilli();
        }
        if (value instanceof OutcomeEvent outcome) {
            return outcome.getTs().toEpochMilli();
        }
        return record.timestamp();
    }
}
