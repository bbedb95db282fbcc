package io.burnwatch.streams.topology;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is when the call completed or the outcome happened ({@code ts}), not when Kafka received it. Other
 * records (JSON input, unreadable values) keep their Kafka timestamp.
 *
 * <p>A time that validation will refuse must not move stream time: one record dated next year would otherwise
 * close every window and make all later records too old. So a negative time, or one more than {@code maxFuture}
 * ahead of the clock, is replaced by the partition's time, and the record goes on to be dead-lettered.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    private final long maxFutureMs;

    public EventTimeExtractor(Duration maxFuture) {
        this.maxFutureMs = maxFuture.toMillis();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long time = eventTime(record);
        boolean plausible = time >= 0 && time <= System.currentTimeMillis() + maxFutureMs;
        return plausible ? time : Math.max(partitionTime, 0);
    }

    private static long eventTime(ConsumerRecord<Object, Object> record) {
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
