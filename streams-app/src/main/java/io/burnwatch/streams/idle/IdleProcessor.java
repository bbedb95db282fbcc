package io.burnwatch.streams.idle;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.cost.PriceBook;
import io.burnwatch.streams.cost.PriceStore;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A user's calls and outcomes, in one processor so they meet in one task: with an outcome delay, each is held (see
 * {@link OutcomeHold}) and applied in event-time order once released; without one, applied as it comes. Applying
 * them in order, the detector is swept at every minute of event time the events cross.
 */
final class IdleProcessor implements Processor<String, SpecificRecord, String, Alert> {

    /** How often held events are looked at for release. */
    static final Duration RELEASE_INTERVAL = Duration.ofSeconds(1);
    /** The registry subjects the held events are written under. */
    static final String HELD_CALLS = "burnwatch-idle-held-usage";
    static final String HELD_OUTCOMES = "burnwatch-idle-held-outcomes";

    private final IdleRule rule;
    private final Serializer<UsageEvent> callWriter;
    private final Deserializer<UsageEvent> callReader;
    private final Serializer<OutcomeEvent> outcomeWriter;
    private final Deserializer<OutcomeEvent> outcomeReader;
    private ProcessorContext<String, Alert> context;
    private IdleLoopDetector detector;
    private OutcomeAttributor attributor;
    private OutcomeHold hold;
    private long lastSweptMinute = Long.MIN_VALUE;

    IdleProcessor(IdleRule rule, BurnwatchSerdes serdes) {
        this.rule = rule;
        this.callWriter = serdes.usage().serializer();
        this.callReader = serdes.usage().deserializer();
        this.outcomeWriter = serdes.outcome().serializer();
        this.outcomeReader = serdes.outcome().deserializer();
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.lastSweptMinute = Long.MIN_VALUE;
        KeyValueStore<String, io.burnwatch.streams.state.SessionBurn> sessions = context.getStateStore(IdleStores.SESSIONS);
        KeyValueStore<String, io.burnwatch.streams.state.UserOutcomes> outcomes =
                context.getStateStore(IdleStores.USER_OUTCOMES);
        KeyValueStore<String, ModelPrices> priceStore = context.getStateStore(PriceStore.NAME);
        this.detector = new IdleLoopDetector(rule, sessions, outcomes, new PriceBook(priceStore::get), this::forward);
        this.attributor = new OutcomeAttributor(rule, sessions, outcomes, this::forward);
        if (!rule.outcomeDelay().isZero()) {
            KeyValueStore<Bytes, byte[]> held = context.getStateStore(IdleStores.HELD);
            this.hold = new OutcomeHold(held, rule.outcomeDelay().toMillis(), context.currentSystemTimeMs());
            context.schedule(RELEASE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::release);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof UsageEvent call) {
            long ts = call.getTs().toEpochMilli();
            if (hold == null || hold.released(ts)) {
                apply(ts, call);
            } else {
                hold.hold(ts, OutcomeHold.CALL, call.getEventId(), callWriter.serialize(HELD_CALLS, call),
                        context.currentSystemTimeMs());
            }
        } else if (event instanceof OutcomeEvent outcome) {
            long ts = outcome.getTs().toEpochMilli();
            if (hold == null || hold.released(ts)) {
                apply(ts, outcome);
            } else {
                hold.hold(ts, OutcomeHold.OUTCOME, outcome.getEventId(),
                        outcomeWriter.serialize(HELD_OUTCOMES, outcome), context.currentSystemTimeMs());
            }
        }
    }

    private void release(long wallNow) {
        hold.release(wallNow);
        for (List<KeyValue<Bytes, byte[]>> due = hold.next(); !due.isEmpty(); due = hold.next()) {
            for (KeyValue<Bytes, byte[]> held : due) {
                long ts = OutcomeHold.timeOf(held.key);
                if (OutcomeHold.kindOf(held.key) == OutcomeHold.CALL) {
                    apply(ts, callReader.deserialize(HELD_CALLS, held.value));
                } else {
                    apply(ts, outcomeReader.deserialize(HELD_OUTCOMES, held.value));
                }
                hold.done(held.key);
            }
        }
    }

    private void apply(long ts, SpecificRecord event) {
        long minute = Math.floorDiv(ts, 60_000L);
        if (minute > lastSweptMinute) {
            detector.sweep(ts);
            lastSweptMinute = minute;
        }
        if (event instanceof UsageEvent call) {
            detector.call(call);
        } else {
            attributor.outcome((OutcomeEvent) event);
        }
    }

    private void forward(Alert alert) {
        context.forward(new Record<>(alert.getAlertId(), alert, alert.getTs().toEpochMilli()));
    }
}
