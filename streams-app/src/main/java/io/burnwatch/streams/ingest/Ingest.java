package io.burnwatch.streams.ingest;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The way into burnwatch: raw input becomes a clean stream of events, each valid and counted once.
 * <pre>
 * input ─▶ validate ─▶ deduplicate ─▶ clean stream     (broken records: dead letter queue)
 * JSON input ─▶ read and validate ─▶ Avro input topic  (keyed by user_id)
 * </pre>
 */
public final class Ingest {

    private Ingest() {
    }

    /** The events of {@code input} that keep their contract, each {@code event_id} once within {@code horizon}. */
    public static <V extends SpecificRecord> KStream<String, V> clean(KStream<String, V> input, Contract<V> contract,
                                                                     Duration horizon) {
        return input.processValues(() -> new Validation<>(contract), Named.as(contract.name() + "-validation"))
                .processValues(Deduplication.supplier(contract, horizon), Named.as(contract.name() + "-deduplication"));
    }

    /** Reads JSON objects from {@code jsonTopic} and writes them, as Avro keyed by user id, to {@code avroTopic}. */
    public static <V extends SpecificRecord> void fromJson(StreamsBuilder builder, String jsonTopic, TimestampExtractor time,
                                                           Contract<V> contract, String avroTopic, Produced<String, V> avro) {
        String name = contract.name() + "-json";
        builder.stream(jsonTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(time).withName(name + "-source"))
                .process(() -> new JsonReader<>(contract), Named.as(name + "-reader"))
                .to(avroTopic, avro.withName(name + "-sink"));
    }
}
