package io.burnwatch.streams.connect.receiver;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the receiver's records with an idempotent producer ({@code acks=all}) and waits for each: a request is
 * answered 200 only once its record is in Kafka, and 503 (which OTLP exporters and webhook senders retry) when Kafka
 * does not take it within {@code burnwatch.receiver.send.timeout}.
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordSink.class);
    /** Room for the record's key, headers and batch framing above the largest body. */
    private static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    KafkaRecordSink(Producer<byte[], byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    public static KafkaRecordSink create(BurnwatchConfig config, ReceiverSettings settings) {
        return new KafkaRecordSink(new KafkaProducer<>(producerSettings(config, settings), new ByteArraySerializer(),
                new ByteArraySerializer()), settings.sendTimeout());
    }

    /**
     * The producer's settings: Kafka's from the configuration (bootstrap servers, security), then the receiver's,
     * which win: idempotence and {@code acks=all}, and timeouts bounded by the send timeout, so that a request does
     * not outwait its exporter. Compression and {@code max.request.size} may be set; the latter is raised to fit
     * the largest body.
     */
    static Map<String, Object> producerSettings(BurnwatchConfig config, ReceiverSettings settings) {
        Map<String, Object> producer = new HashMap<>(config.producerConfig());
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "burnwatch-receiver");
        producer.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int needed = settings.maxRequestBytes() + RECORD_OVERHEAD_BYTES;
        Object configured = producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (configured == null || Integer.parseInt(configured.toString().trim()) < needed) {
            producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, needed);
        }
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        // Each request waits for its own record: batching would only delay it.
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long millis = settings.sendTimeout().toMillis();
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, millis));
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, millis / 2));
        return producer;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> record) throws SendFailure {
        try {
            // The producer gives up by delivery.timeout.ms; the extra second only covers the callback's way back.
            producer.send(record).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(record.topic(), e.getCause());
        } catch (KafkaException e) {
            throw failure(record.topic(), e);
        } catch (TimeoutException e) {
            throw failure(record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure(503, "The receiver is stopping: retry");
        }
    }

    private static SendFailure failure(String topic, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            LOG.warn("receiver_record_too_large topic={} cause={}", topic, cause.toString());
            return new SendFailure(413, "The request is too large for topic " + topic
                    + " (its max.message.bytes): send smaller batches");
        }
        LOG.warn("receiver_send_failed topic={} cause={}", topic, cause.toString());
        return new SendFailure(503, "Kafka did not take the record: retry later");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
