package io.burnwatch.sim.bad;

import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.RecordSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends every event, and after a {@code fraction} of them a malformed record made from it, of each
 * {@link BadKind} in turn. The good traffic, and so the ground truth, stays as it is. Each bad record carries
 * the header {@value #HEADER} with its kind, so reliability drills can check it reached the dead letter queue.
 */
public final class BadInputSink implements EventSink {

    public static final String HEADER = "burnwatch.sim.bad";

    private static final BadKind[] KINDS = BadKind.values();

    private final RecordSink sink;
    private final double fraction;
    private final Random random;
    private final Clock wall;
    private final Map<BadKind, Long> sent = new EnumMap<>(BadKind.class);
    private int nextKind;

    public BadInputSink(RecordSink sink, double fraction, long seed, Clock wall) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within 0 and 1, got " + fraction);
        }
        this.sink = sink;
        this.fraction = fraction;
        this.random = new Random(seed);
        this.wall = wall;
    }

    @Override
    public void send(SimEvent event) {
        sink.send(event);
        boolean traffic = event instanceof SimEvent.Usage || event instanceof SimEvent.Outcome;
        if (traffic && random.nextDouble() < fraction) {
            BadKind kind = nextKindFor(event);
            String topic = sink.topics().of(event);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.ts().toEpochMilli(),
                    event.userId(), kind.value(event, value -> sink.avro(topic, value), wall.instant()));
            record.headers().add(HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
            sink.send(record);
            sent.merge(kind, 1L, Long::sum);
        }
    }

    /** How many records of each kind were sent. */
    public Map<BadKind, Long> sent() {
        return Map.copyOf(sent);
    }

    private BadKind nextKindFor(SimEvent event) {
        // Kinds never sent come first, so those that fit only the rarer outcomes are not starved by the calls.
        for (BadKind kind : KINDS) {
            if (!sent.containsKey(kind) && kind.appliesTo(event)) {
                return kind;
            }
        }
        for (int tried = 0; tried < KINDS.length; tried++) {
            BadKind kind = KINDS[(nextKind + tried) % KINDS.length];
            if (kind.appliesTo(event)) {
                nextKind = (nextKind + tried + 1) % KINDS.length;
                return kind;
            }
        }
        throw new IllegalStateException("No kind of bad record applies to " + event.getClass().getSimpleName());
    }

    @Override
    public void close() {
        sink.close();
    }
}
