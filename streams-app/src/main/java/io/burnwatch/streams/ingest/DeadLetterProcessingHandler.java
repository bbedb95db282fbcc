package io.burnwatch.streams.ingest;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends records that break a contract ({@link InvalidRecordException}) to the dead letter queue with their
 * original bytes and reason, and continues. Any other processing error is a bug, not bad input: it stops
 * processing, as with Kafka's default handler, rather than hiding records in the dead letter queue.
 */
public class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private final LogAndFailProcessingExceptionHandler failing = new LogAndFailProcessingExceptionHandler();
    private IngestMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        failing.configure(configs);
        metrics = IngestMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        InvalidRecordException invalid = invalid(exception);
        if (invalid == null) {
            return failing.handleError(context, record, exception);
        }
        Response logged = super.handleError(context, record, invalid);
        return Response.resume(DeadLetters.withReason(logged.deadLetterQueueRecords(), invalid.reason(), metrics));
    }

    private static InvalidRecordException invalid(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidRecordException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
