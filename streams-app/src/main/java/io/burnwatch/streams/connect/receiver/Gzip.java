package io.burnwatch.streams.connect.receiver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Undoes {@code Content-Encoding: gzip} within a cap, so that a small body cannot unpack into a huge one. */
final class Gzip {

    /** The decompressed bytes exceed the cap. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private Gzip() {
    }

    /**
     * @throws TooLarge    if {@code compressed} unpacks to more than {@code maxBytes}
     * @throws IOException if it is not gzip
     */
    static byte[] decompress(byte[] compressed, int maxBytes) throws IOException, TooLarge {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(1024, compressed.length * 4)));
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() + read > maxBytes) {
                    throw new TooLarge();
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }
}
