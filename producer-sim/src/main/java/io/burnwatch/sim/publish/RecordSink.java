package io.burnwatch.sim.publish;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A sink that also takes records as they are, e.g. deliberately malformed ones. */
public interface RecordSink extends EventSink {

    void send(ProducerRecord<String, byte[]> record);

    /** {@code record} in the wire format of {@code topic}'s value subject. */
    byte[] avro(String topic, SpecificRecord record);

    Topics topics();
}
