package io.burnwatch.sim.publish;

import io.burnwatch.serde.SpecificAvroSerializer;
import io.burnwatch.sim.persona.SimEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends usage and outcomes keyed by user id, so a user's events land on the same partition number of their
 * topics, and ground truth keyed by session id. The record timestamp is the event time, which is what Kafka
 * Streams windows on. Values are written as Confluent wire-format Avro here rather than by the producer, so that
 * raw records can share the producer; with {@link Via#JSON}, usage and outcomes are written as one JSON object each
 * (see {@link JsonValues}) and ground truth stays Avro.
 */
public final class KafkaEventSink implements RecordSink {

    /**
     * As long as the producer's own delivery timeout (120 s): after a broker restart, batches wait for the new
     * leaders and are retried in order, and closing sooner would abort batches the broker may already have written.
     */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaProducer<String, byte[]> producer;
    private final SpecificAvroSerializer<SpecificRecord> avro = new SpecificAvroSerializer<>();
    private final Topics topics;
    private final Via via;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaEventSink(Properties producerConfig, Topics topics) {
        this(producerConfig, topics, Via.AVRO);
    }

    public KafkaEventSink(Properties producerConfig, Topics topics, Via via) {
        this.producer = new KafkaProducer<>(producerConfig);
        this.avro.configure(toMap(producerConfig), false);
        this.topics = topics;
        this.via = via;
    }

    @Override
    public void send(SimEvent event) {
        String topic = topics.of(event);
        send(new ProducerRecord<>(topic, null, event.ts().toEpochMilli(), event.key(), value(topic, event)));
    }

    /** The record value of {@code event} on {@code topic}. */
    byte[] value(String topic, SimEvent event) {
        boolean json = via == Via.JSON && !(event instanceof SimEvent.Truth);
        return json ? JsonValues.bytes(event.record()) : avro(topic, event.record());
    }

    @Override
    public void send(ProducerRecord<String, byte[]> record) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Could not deliver an event: " + failed.getMessage(), failed);
        }
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    @Override
    public byte[] avro(String topic, SpecificRecord record) {
        return avro.serialize(topic, record);
    }

    @Override
    public Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
        avro.close();
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("Could not deliver all events: " + failed.getMessage(), failed);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, ?> toMap(Properties config) {
        return (Map) config;
    }
}
