package io.burnwatch.streams.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * burnwatch's mark on Kafka's dead letter records. Kafka builds them (original key and value bytes; headers
 * {@code __streams.errors.topic}, {@code .partition}, {@code .offset}, {@code .exception}, {@code .message});
 * burnwatch adds the {@link DeadLetterReason} and counts it.
 */
final class DeadLetters {

    static final String REASON_HEADER = "burnwatch.dlq.reason";

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
}
