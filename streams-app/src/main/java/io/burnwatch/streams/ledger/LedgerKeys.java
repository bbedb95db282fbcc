package io.burnwatch.streams.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Binary store keys that sort by window size, then window start, so that the windows that close together are one
 * contiguous range: {@code size | start | value}. Starts are big-endian with the sign bit flipped, so they sort as
 * numbers.
 */
final class LedgerKeys {

    private static final int PREFIX = 1 + Long.BYTES;

    private LedgerKeys() {
    }

    static Bytes window(WindowSize size, long start, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(prefix(size, start, text.length).put(text).array());
    }

    /** The lowest key of any window of {@code size}. */
    static Bytes first(WindowSize size) {
        return Bytes.wrap(prefix(size, Long.MIN_VALUE, 0).array());
    }

    /**
     * A key above every key of windows of {@code size} starting at or before {@code start}, and below every other:
     * the next millisecond's prefix, which no key equals since no window starts off its size's boundary.
     */
    static Bytes after(WindowSize size, long start) {
        return Bytes.wrap(prefix(size, start + 1, 0).array());
    }

    static long start(Bytes key) {
        return ByteBuffer.wrap(key.get(), 1, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    static String value(Bytes windowKey) {
        byte[] key = windowKey.get();
        return new String(key, PREFIX, key.length - PREFIX, StandardCharsets.UTF_8);
    }

    private static ByteBuffer prefix(WindowSize size, long start, int rest) {
        return ByteBuffer.allocate(PREFIX + rest).put((byte) size.ordinal()).putLong(start ^ Long.MIN_VALUE);
    }
}
