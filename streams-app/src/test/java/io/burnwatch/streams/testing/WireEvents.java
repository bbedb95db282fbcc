package io.burnwatch.streams.testing;

import io.burnwatch.registry.SchemaRegistryClient;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.serde.WireFormat;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Usage and outcome events (and late partials, as rollups) read back from Confluent wire-format bytes, whichever of the two their schema id says
 * they are: input read back, late records, dead letters.
 */
public final class WireEvents {

    private final SchemaRegistryClient registry;
    private final SpecificAvroDeserializer<UsageEvent> calls;
    private final SpecificAvroDeserializer<OutcomeEvent> outcomes;
    private final SpecificAvroDeserializer<UsageRollup> rollups;

    public WireEvents(SchemaRegistryClient registry) {
        this.registry = registry;
        this.calls = new SpecificAvroDeserializer<>(UsageEvent.class, registry);
        this.outcomes = new SpecificAvroDeserializer<>(OutcomeEvent.class, registry);
        this.rollups = new SpecificAvroDeserializer<>(UsageRollup.class, registry);
    }

    /** The event {@code value} holds; empty for a tombstone, bytes not in the wire format, or an unknown schema id. */
    public Optional<SpecificRecord> event(String topic, byte[] value) {
        try {
            String type = registry.byId(WireFormat.readSchemaId(ByteBuffer.wrap(value))).getFullName();
            if (type.equals(UsageEvent.getClassSchema().getFullName())) {
                return Optional.of(calls.deserialize(topic, value));
            }
            if (type.equals(OutcomeEvent.getClassSchema().getFullName())) {
                return Optional.of(outcomes.deserialize(topic, value));
            }
            if (type.equals(UsageRollup.getClassSchema().getFullName())) {
                // What a partial would have added to a TEAM or MODEL window closed before it came.
                return Optional.of(rollups.deserialize(topic, value));
            }
            return Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The call {@code value} holds; empty if it holds no call. */
    public Optional<UsageEvent> call(String topic, byte[] value) {
        return event(topic, value).filter(UsageEvent.class::isInstance).map(UsageEvent.class::cast);
    }
}
