package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Headers of a record on the late topic, naming the window it missed; values are UTF-8 text. */
public final class LateHeaders {

    public static final String DIMENSION = "burnwatch.late.dimension";
    public static final String WINDOW_SIZE = "burnwatch.late.window.size";
    public static final String WINDOW_START = "burnwatch.late.window.start";
    public static final String STREAM_TIME = "burnwatch.late.stream.time";

    private LateHeaders() {
    }

    /** The event's own headers, then the missed window: dimension, size ({@code 1m}), start and stream time (ISO-8601). */
    static Headers of(Headers original, Dimension dimension, WindowSize size, long windowStart, long streamTime) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.add(DIMENSION, utf8(dimension.name()));
        headers.add(WINDOW_SIZE, utf8(size.label()));
        headers.add(WINDOW_START, utf8(Instant.ofEpochMilli(windowStart).toString()));
        headers.add(STREAM_TIME, utf8(Instant.ofEpochMilli(streamTime).toString()));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
