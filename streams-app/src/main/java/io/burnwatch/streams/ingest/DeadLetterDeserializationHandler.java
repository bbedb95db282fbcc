package io.burnwatch.streams.ingest;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's log-and-continue for records that cannot be read, with the dead letter marked
 * {@link DeadLetterReason#UNDECODABLE}, {@link DeadLetterReason#OVERSIZED_AVRO} or
 * {@link DeadLetterReason#UNKNOWN_SCHEMA_ID}. When the schema registry
 * cannot be reached the record is not at fault: processing stops instead, and resumes from that record. A record
 * dead-lettered here counts as read, like those that reach the processors.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private IngestMetrics metrics;
    private int maxRecordBytes;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = IngestMetrics.from(configs);
        maxRecordBytes = DeadLetters.maxRecordBytes(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (DeadLetterReason.registryUnavailable(exception)) {
            LOG.error("Cannot read a record of {} partition {} offset {}: the schema registry is unavailable",
                    context.topic(), context.partition(), context.offset(), exception);
            return Response.fail();
        }
        metrics.eventsIn(context.topic()).increment();
        Response logged = super.handleError(context, record, exception);
        return Response.resume(DeadLetters.withReason(DeadLetters.fitting(logged.deadLetterQueueRecords(), maxRecordBytes),
                DeadLetterReason.ofUnreadable(exception), metrics));
    }
}
