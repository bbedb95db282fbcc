package io.burnwatch.streams.ingest;

import java.util.Map;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that break a contract ({@link InvalidRecordException}) to the dead letter queue with their
 * original bytes and reason, and continues. Any other exception a record causes is a bug, logged with its stack
 * trace, but one record must not stop burnwatch for everyone, again after every restart: it is dead-lettered as
 * {@link DeadLetterReason#PROCESSING_FAILED}. Only failures that are not the record's fault (state stores, the
 * schema registry, a broker or the task itself) stop processing, so that the record is processed again, as does
 * a failed punctuation.
 */
public class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private final LogAndFailProcessingExceptionHandler failing = new LogAndFailProcessingExceptionHandler();
    private IngestMetrics metrics;
    private int maxRecordBytes;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        failing.configure(configs);
        metrics = IngestMetrics.from(configs);
        maxRecordBytes = DeadLetters.maxRecordBytes(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        // No record: a punctuation failed, which no record caused.
        if (record == null || notTheRecordsFault(exception)) {
            return failing.handleError(context, record, exception);
        }
        InvalidRecordException invalid = invalid(exception);
        DeadLetterReason reason = invalid == null ? DeadLetterReason.PROCESSING_FAILED : invalid.reason();
        if (invalid == null) {
            LOG.error("processing_failed topic={} partition={} offset={} processor={}: dead-lettered as {}",
                    context.topic(), context.partition(), context.offset(), context.processorNodeId(), reason, exception);
        }
        Response logged = super.handleError(context, record, invalid == null ? exception : invalid);
        return Response.resume(DeadLetters.withReason(
                DeadLetters.fitting(logged.deadLetterQueueRecords(), maxRecordBytes), reason, metrics));
    }

    private static InvalidRecordException invalid(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidRecordException invalid) {
                return invalid;
            }
        }
        return null;
    }

    static boolean notTheRecordsFault(Throwable error) {
        if (DeadLetterReason.registryUnavailable(error)) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof ProcessorStateException
                    || cause instanceof InvalidStateStoreException || cause instanceof TaskMigratedException
                    || cause instanceof TaskCorruptedException) {
                return true;
            }
        }
        return false;
    }
}
