package io.burnwatch.streams.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the user windows' closing index, {@code closes at | user}: the close time big-endian with the sign bit
 * flipped, so the windows due by a stream time are one range from the first key.
 */
final class ClosingKeys {

    private ClosingKeys() {
    }

    static Bytes of(long closesAt, String user) {
        byte[] text = user.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + text.length).putLong(closesAt ^ Long.MIN_VALUE).put(text).array());
    }

    /** Above every key closing at or before {@code time}, below every other. */
    static Bytes after(long time) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong((time + 1) ^ Long.MIN_VALUE).array());
    }

    static Bytes first() {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(0L).array());
    }

    static long closesAt(Bytes key) {
        return ByteBuffer.wrap(key.get(), 0, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    static String user(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
