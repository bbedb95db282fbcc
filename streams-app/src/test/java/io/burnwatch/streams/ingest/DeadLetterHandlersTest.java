package io.burnwatch.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Dead letter handlers")
class DeadLetterHandlersTest {

    private static final int ONE_MB = 1024 * 1024;

    private final BurnwatchMetrics metrics = new BurnwatchMetrics(new SimpleMeterRegistry());
    private final Map<String, Object> configs = Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "burnwatch.dlq",
            BurnwatchMetrics.CONFIG, metrics);

    @Test
    @DisplayName("a dead letter that would not fit in max.request.size is cut to fit, with its original sizes in a header")
    void tooLargeDeadLetterIsTruncated() {
        byte[] key = filled(600_000, 'k');
        byte[] value = filled(700_000, 'v');
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.STACKTRACE_HEADER, filled(20_000, 's'));

        ProducerRecord<byte[], byte[]> fit = DeadLetters.fitting(new ProducerRecord<>("burnwatch.dlq", null, key, value, headers), ONE_MB);

        assertThat(sizeOf(fit)).isLessThanOrEqualTo(ONE_MB);
        assertThat(fit.value()).isEqualTo(Arrays.copyOf(value, fit.value().length));
        assertThat(fit.value().length).isGreaterThan(ONE_MB / 2);
        assertThat(fit.key()).isEqualTo(Arrays.copyOf(key, fit.key().length)).isNotEmpty();
        assertThat(header(fit, DeadLetters.TRUNCATED_HEADER)).isEqualTo("key=600000,value=700000");
    }

    @Test
    @DisplayName("a dead letter that fits is sent as it is")
    void fittingDeadLetterIsKept() {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("burnwatch.dlq", filled(10, 'k'), filled(900_000, 'v'));

        assertThat(DeadLetters.fitting(record, ONE_MB)).isSameAs(record);
    }

    @Test
    @DisplayName("a processing error other than a broken rule is dead-lettered as PROCESSING_FAILED; a state store failure stops")
    void processingErrors() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);
        Record<String, String> record = new Record<>("alice", "{}", 0L);

        ProcessingExceptionHandler.Response bug = handler.handleError(context(), record, new ArithmeticException("long overflow"));
        ProcessingExceptionHandler.Response store = handler.handleError(context(), record, new ProcessorStateException("disk"));

        assertThat(bug.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(bug.deadLetterQueueRecords()).singleElement()
                .satisfies(dead -> assertThat(header(dead, DeadLetters.REASON_HEADER)).isEqualTo("PROCESSING_FAILED"));
        assertThat(store.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(handler.handleError(context(), null, new ArithmeticException("in a punctuation")).result())
                .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(new IngestMetrics(metrics).deadLetters()).containsEntry("PROCESSING_FAILED", 1L);
    }

    @Test
    @DisplayName("a forwarded record too large to write dead-letters its input, cut to fit; other write errors stop")
    void productionErrors() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        ProducerRecord<byte[], byte[]> forwarded = new ProducerRecord<>("burnwatch.usage", filled(ONE_MB, 'u'), filled(ONE_MB, 'a'));

        ProductionExceptionHandler.Response tooLarge = handler.handleError(context(), forwarded, new RecordTooLargeException("big"));
        ProductionExceptionHandler.Response denied = handler.handleError(context(), forwarded, new TopicAuthorizationException("no"));

        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("burnwatch.dlq");
            assertThat(header(dead, DeadLetters.REASON_HEADER)).isEqualTo("TOO_LARGE_TO_FORWARD");
            assertThat(header(dead, DeadLetters.TRUNCATED_HEADER)).isEqualTo("key=5,value=1200000");
            assertThat(new String(dead.value(), 0, 10, StandardCharsets.UTF_8)).isEqualTo("{\"user_id\"");
            assertThat(sizeOf(dead)).isLessThanOrEqualTo(ONE_MB);
        });
        assertThat(denied.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    private static ErrorHandlerContext context() {
        byte[] json = filled(1_200_000, 'x');
        System.arraycopy("{\"user_id\"".getBytes(StandardCharsets.UTF_8), 0, json, 0, 10);
        return new DefaultErrorHandlerContext(null, "burnwatch.usage.json", 0, 7L, new RecordHeaders(), "usage-json-sink",
                new TaskId(0, 0), 0L, "alice".getBytes(StandardCharsets.UTF_8), json);
    }

    private static int sizeOf(ProducerRecord<byte[], byte[]> record) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), record.headers().toArray());
    }

    private static byte[] filled(int length, char c) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
