package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends usage and outcomes keyed by user id, so a user's events land on the same partition number of their
 * topics, and ground truth keyed by session id. The record timestamp is the event time, which is what Kafka Streams windows on.
 */
public final class KafkaEventSink implements EventSink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, SpecificRecord> producer;
    private final Topics topics;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaEventSink(Properties producerConfig, Topics topics) {
        this.producer = new KafkaProducer<>(producerConfig);
        this.topics = topics;
    }

    @Override
    public void send(SimEvent event) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Could not deliver an event: " + failed.getMessage(), failed);
        }
        String topic = topics.of(event);
        producer.send(new ProducerRecord<>(topic, null, event.ts().toEpochMilli(), event.key(), event.record()),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Could not deliver all events: " + failed.getMessage(), failed);
        }
    }
}
