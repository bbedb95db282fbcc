package io.burnwatch.streams.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;

/**
 * burnwatch's mark on Kafka's dead letter records. Kafka builds them (original key and value bytes; headers
 * {@code __streams.errors.topic}, {@code .partition}, {@code .offset}, {@code .exception}, {@code .message});
 * burnwatch adds the {@link DeadLetterReason} and counts it. A dead letter must itself be producible: one that
 * would exceed the producer's {@code max.request.size} keeps only the first bytes of its key and value, with a
 * {@code burnwatch.dlq.truncated} header giving their original sizes.
 */
final class DeadLetters {

    static final String REASON_HEADER = "burnwatch.dlq.reason";
    static final String TRUNCATED_HEADER = "burnwatch.dlq.truncated";
    static final String STACKTRACE_HEADER = "__streams.errors.stacktrace";
    /** Room for Kafka's batch and record framing and burnwatch's own headers. */
    private static final int OVERHEAD_BYTES = 1024;

    private DeadLetters() {
    }

    static List<ProducerRecord<byte[], byte[]>> withReason(List<ProducerRecord<byte[], byte[]>> records,
                                                          DeadLetterReason reason, IngestMetrics metrics) {
        for (ProducerRecord<byte[], byte[]> record : records) {
            record.headers().add(REASON_HEADER, reason.name().getBytes(StandardCharsets.UTF_8));
        }
        metrics.deadLetter(reason);
        return records;
    }

    /** The largest record the producer sends: {@code max.request.size}, for the producer or all clients. */
    static int maxRecordBytes(Map<String, ?> configs) {
        Object size = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (size == null) {
            size = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return size == null ? 1024 * 1024 : Integer.parseInt(size.toString().trim());
    }

    static List<ProducerRecord<byte[], byte[]>> fitting(List<ProducerRecord<byte[], byte[]>> records, int maxBytes) {
        List<ProducerRecord<byte[], byte[]>> fitting = new ArrayList<>(records.size());
        records.forEach(record -> fitting.add(fitting(record, maxBytes)));
        return fitting;
    }

    /**
     * {@code record}, or if it would not fit in {@code maxBytes} a copy cut to fit: the stack trace header goes
     * first if the headers alone are too large, then the value keeps what room the key leaves, the key at least
     * an eighth of it.
     */
    static ProducerRecord<byte[], byte[]> fitting(ProducerRecord<byte[], byte[]> record, int maxBytes) {
        int keyBytes = length(record.key());
        int valueBytes = length(record.value());
        Headers headers = record.headers();
        int room = maxBytes - OVERHEAD_BYTES - size(headers);
        if (keyBytes + valueBytes <= room) {
            return record;
        }
        if (room < maxBytes / 2) {
            headers = new RecordHeaders(headers.toArray());
            headers.remove(STACKTRACE_HEADER);
            room = maxBytes - OVERHEAD_BYTES - size(headers);
        }
        room = Math.max(0, room);
        int keyKept = Math.min(keyBytes, Math.max(room - valueBytes, room / 8));
        int valueKept = Math.min(valueBytes, room - keyKept);
        Headers cut = new RecordHeaders(headers.toArray());
        cut.add(TRUNCATED_HEADER, ("key=" + keyBytes + ",value=" + valueBytes).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(),
                truncated(record.key(), keyKept), truncated(record.value(), valueKept), cut);
    }

    private static byte[] truncated(byte[] bytes, int length) {
        return bytes == null || bytes.length <= length ? bytes : Arrays.copyOf(bytes, length);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static int size(Headers headers) {
        int size = 0;
        for (Header header : headers) {
            size += header.key().length() * 3 + length(header.value()) + 10;
        }
        return size;
    }
}
