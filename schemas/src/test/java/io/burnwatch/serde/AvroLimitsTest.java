package io.burnwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.burnwatch.registry.InMemorySchemaRegistryClient;
import io.burnwatch.schema.UsageEvent;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.apache.avro.SystemLimitException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Avro length limits")
class AvroLimitsTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    /**
     * 18 bytes: the wire-format header, then an {@code event_id} whose length prefix claims 2^31 - 9 bytes (the
     * most a Java array can hold), then a few bytes of it.
     */
    static byte[] claimingTwoGigabytes(int schemaId) {
        ByteBuffer bytes = ByteBuffer.allocate(18);
        WireFormat.writeHeader(bytes, schemaId);
        long zigZag = (Integer.MAX_VALUE - 8L) << 1;
        while ((zigZag & ~0x7FL) != 0) {
            bytes.put((byte) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.put((byte) zigZag);
        while (bytes.hasRemaining()) {
            bytes.put((byte) 'e');
        }
        return bytes.array();
    }

    @Test
    @DisplayName("a value whose string length claims 2 GB fails to decode without allocating it")
    void claimedLengthIsNotAllocated() {
        SpecificAvroDeserializer<UsageEvent> deserializer = new SpecificAvroDeserializer<>(UsageEvent.class, registry);
        byte[] value = claimingTwoGigabytes(registry.register("burnwatch.usage-value", UsageEvent.getClassSchema()));
        assertThat(value).hasSize(18);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        SerializationException error = catchThrowableOfType(SerializationException.class,
                () -> deserializer.deserialize("burnwatch.usage", value));

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(16L << 20);
        assertThat(error).hasRootCauseInstanceOf(SystemLimitException.class);
    }

    @Test
    @DisplayName("the limits are in force once a deserializer exists, and a string of 1 MB still decodes")
    void limitsInForce() {
        new SpecificAvroDeserializer<>(UsageEvent.class, registry);
        assertThat(AvroLimits.apply()).isTrue();
        assertThat(SystemLimitException.checkMaxStringLength(AvroLimits.MAX_STRING_BYTES)).isEqualTo(1 << 20);
    }
}
