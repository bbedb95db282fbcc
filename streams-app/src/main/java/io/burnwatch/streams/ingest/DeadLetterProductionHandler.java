package io.burnwatch.streams.ingest;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's default handling of records that cannot be written, except for a record too large to write: the input
 * it came from goes to the dead letter queue as {@link DeadLetterReason#TOO_LARGE_TO_FORWARD}, cut to fit if
 * need be, and processing continues. This saves the pipeline at least once only: under exactly-once the failed
 * write has already doomed the transaction, which is why the JSON reader refuses such records before forwarding.
 */
public class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private IngestMetrics metrics;
    private int maxRecordBytes;
    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        metrics = IngestMetrics.from(configs);
        maxRecordBytes = DeadLetters.maxRecordBytes(configs);
        deadLetterTopic = String.valueOf(configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        Response response = super.handleError(context, record, exception);
        if (!(exception instanceof RecordTooLargeException) || record.topic().equals(deadLetterTopic)) {
            return response;
        }
        LOG.warn("record_too_large_to_forward topic={} partition={} offset={} to={} key_bytes={} value_bytes={}",
                context.topic(), context.partition(), context.offset(), record.topic(), length(record.key()),
                length(record.value()));
        return Response.resume(DeadLetters.withReason(
                DeadLetters.fitting(response.deadLetterQueueRecords(), maxRecordBytes),
                DeadLetterReason.TOO_LARGE_TO_FORWARD, metrics));
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
