package io.burnwatch.streams.connect.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The golden webhook payloads under {@code src/test/resources/webhooks/}, written from the vendors' documented schemas. */
final class Payloads {

    private Payloads() {
    }

    static byte[] of(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
