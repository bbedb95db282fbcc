package io.burnwatch.streams.ingest;

import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.clock.SourceClock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a JSON input record into the contract's Avro event, checked by the same rules as Avro input, keyed by its
 * {@code user_id} and timestamped with its {@code ts}. The JSON record's own key is not used. An event that could
 * be too large to write as Avro is refused ({@link DeadLetterReason#TOO_LARGE_TO_FORWARD}). Each event is stamped with
 * the JSON partition it came from ({@link SourceClock}): when the JSON producer hashed keys otherwise than Java,
 * several JSON partitions feed each Avro partition, each in its own order.
 */
final class JsonReader<V extends SpecificRecord> implements Processor<byte[], byte[], String, V> {

    private final Contract<V> contract;
    private final JsonRecords<V> json;
    private ProcessorContext<String, V> context;
    private EventsIn eventsIn;
    private int maxRecordBytes;
    /** The highest ts read here: the JSON records' own Kafka timestamps say when they were written, not when they happened. */
    private long latestTs = Long.MIN_VALUE;

    JsonReader(Contract<V> contract) {
        this.contract = contract;
        this.json = new JsonRecords<>(contract.type());
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.eventsIn = new EventsIn(IngestMetrics.from(context.appConfigs()));
        this.maxRecordBytes = DeadLetters.maxRecordBytes(context.appConfigs());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        context.recordMetadata().ifPresent(eventsIn::count);
        Validation.requireValue(record.value());
        V event = json.read(record.value());
        long ts = contract.ts(event).toEpochMilli();
        contract.check(event, context.currentSystemTimeMs(), Math.max(latestTs, ts));
        latestTs = Math.max(latestTs, ts);
        if (ForwardedSize.upperBound(contract.userId(event), event, record.headers()) > maxRecordBytes) {
            throw new InvalidRecordException(DeadLetterReason.TOO_LARGE_TO_FORWARD,
                    "as Avro it could exceed max.request.size, " + maxRecordBytes + " bytes");
        }
        context.recordMetadata().ifPresent(source ->
                SourceClock.stamp(record.headers(), InputSources.name(source.topic(), source.partition())));
        context.forward(new Record<>(contract.userId(event), event, ts, record.headers()));
    }
}
