package io.burnwatch.streams.connect.receiver;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Where accepted requests go: {@link #send} returns once the record is written, so that a 200 means it is. */
public interface RecordSink {

    /**
     * Writes {@code record} and waits until it is acknowledged.
     *
     * @throws SendFailure with the HTTP status to answer: 503 when Kafka cannot take it now, 413 when it never will
     */
    void send(ProducerRecord<byte[], byte[]> record) throws SendFailure;

    /** A record not written; {@link #status()} is what the request is answered, {@link #getMessage()} why. */
    final class SendFailure extends Exception {

        private final int status;

        public SendFailure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
