package io.burnwatch.streams.connect.otlp;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Event ids that stay the same when the Collector's exporter sends a batch again, so that burnwatch's
 * deduplication counts each event once: the agent's own request id where it sends one, else a SHA-256 (hex) of
 * the event's identity: its session, name, time and every attribute of the log record, sorted by key.
 */
final class OtlpEventIds {

    private OtlpEventIds() {
    }

    /** {@code <client>:<id>}, for an id the agent made unique per call. */
    static String of(String client, String id) {
        return client + ":" + id;
    }

    /** {@code <client>:<sha-256 hex>} of the record's identity. */
    static String hashed(String client, OtlpLogRecord log, String session) {
        StringBuilder identity = new StringBuilder()
                .append(session).append('\n')
                .append(log.eventName()).append('\n')
                .append(log.record().getTimeUnixNano()).append('\n')
                .append(log.record().getObservedTimeUnixNano()).append('\n');
        List<KeyValue> attributes = log.record().getAttributesList().stream()
                .sorted((a, b) -> a.getKey().compareTo(b.getKey())).toList();
        for (KeyValue attribute : attributes) {
            identity.append(attribute.getKey()).append('=').append(OtlpLogRecord.render(attribute.getValue()))
                    .append('\n');
        }
        return client + ":" + sha256(identity.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
