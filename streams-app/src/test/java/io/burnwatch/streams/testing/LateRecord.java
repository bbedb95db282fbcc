package io.burnwatch.streams.testing;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.ledger.LateHeaders;
import io.burnwatch.streams.ledger.WindowSize;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of the late topic: the event, keyed by its user, and the window it missed, from its headers. */
public record LateRecord(String userId, Dimension dimension, WindowSize size, Instant windowStart, SpecificRecord event) {

    /** @throws IllegalStateException if the value is no usage or outcome event */
    public static LateRecord of(ConsumerRecord<String, byte[]> record, WireEvents events) {
        String size = header(record, LateHeaders.WINDOW_SIZE);
        return new LateRecord(record.key(), Dimension.valueOf(header(record, LateHeaders.DIMENSION)),
                Arrays.stream(WindowSize.values()).filter(s -> s.label().equals(size)).findFirst().orElseThrow(),
                Instant.parse(header(record, LateHeaders.WINDOW_START)),
                events.event(record.topic(), record.value()).orElseThrow(() -> new IllegalStateException(
                        "A late record at offset " + record.offset() + " holds no usage or outcome event, nor a partial")));
    }

    /** Commits the record stands for: one for a late commit, a late partial's commits. */
    public long commits() {
        if (event instanceof UsageRollup partial) {
            return partial.getCommits();
        }
        return event instanceof OutcomeEvent outcome && outcome.getKind() == OutcomeKind.COMMIT ? 1 : 0;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
