package io.burnwatch.streams.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/** Keys of the session marks, {@code length of user | user | session}: one user's sessions share a prefix. */
final class SessionKeys {

    private SessionKeys() {
    }

    static Bytes of(String user, String session) {
        byte[] text = user.getBytes(StandardCharsets.UTF_8);
        byte[] id = session.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + text.length + id.length)
                .putInt(text.length).put(text).put(id).array());
    }

    static Bytes prefix(String user) {
        byte[] text = user.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + text.length).putInt(text.length).put(text).array());
    }
}
