package io.burnwatch.streams.ingest;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An upper bound on the bytes an event forwarded as Avro takes in a produce request, as the producer measures it
 * against {@code max.request.size}. A record over that limit cannot be written, and under exactly-once the failed
 * write aborts the whole transaction: so it must be refused before it is forwarded, not after.
 */
final class ForwardedSize {

    /** The record batch header (61 bytes), the record's own framing and the wire-format header, with room to spare. */
    private static final int FRAMING_BYTES = 128;
    /** The most a union index, a length prefix or a number takes in Avro binary. */
    private static final int VARINT_BYTES = 10;

    private ForwardedSize() {
    }

    static long upperBound(String key, SpecificRecord event, Headers headers) {
        long bytes = FRAMING_BYTES + utf8Length(key);
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            bytes += VARINT_BYTES + (value instanceof CharSequence text ? VARINT_BYTES + utf8Length(text) : VARINT_BYTES);
        }
        for (Header header : headers) {
            bytes += VARINT_BYTES * 2 + utf8Length(header.key()) + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    private static long utf8Length(CharSequence text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
