package io.burnwatch.stack;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.bad.BadInputSink;
import io.burnwatch.streams.testing.TokenSums;
import io.burnwatch.streams.testing.WireEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What came in on the input topics, read back and summed without burnwatch's code: the events by event id, each
 * once however often it came, and the malformed records, which the traffic marks with {@link BadInputSink#HEADER}.
 *
 * @param records every input record, repeats and malformed ones included
 * @param malformedCalls the malformed records that still decode as calls: their tokens are in the ledger's input
 * @param malformedKinds how many malformed records of each kind came in
 */
record DrillInput(long records, Map<String, UsageEvent> calls, Map<String, OutcomeEvent> outcomes,
                  List<UsageEvent> malformedCalls, Map<String, Long> malformedKinds) {

    static DrillInput of(List<ConsumerRecord<String, byte[]>> usage, List<ConsumerRecord<String, byte[]>> outcomes,
                         WireEvents events) {
        Map<String, UsageEvent> calls = new LinkedHashMap<>();
        Map<String, OutcomeEvent> outcomesById = new LinkedHashMap<>();
        List<UsageEvent> malformedCalls = new ArrayList<>();
        Map<String, Long> malformedKinds = new TreeMap<>();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(usage);
        all.addAll(outcomes);
        for (ConsumerRecord<String, byte[]> record : all) {
            Header bad = record.headers().lastHeader(BadInputSink.HEADER);
            if (bad != null) {
                malformedKinds.merge(new String(bad.value(), StandardCharsets.UTF_8), 1L, Long::sum);
                events.call(record.topic(), record.value()).ifPresent(malformedCalls::add);
                continue;
            }
            SpecificRecord event = events.event(record.topic(), record.value()).orElseThrow(() -> new IllegalStateException(
                    "An unmarked input record does not decode: " + record.topic() + " offset " + record.offset()));
            if (event instanceof UsageEvent call) {
                calls.putIfAbsent(call.getEventId(), call);
            } else {
                OutcomeEvent outcome = (OutcomeEvent) event;
                outcomesById.putIfAbsent(outcome.getEventId(), outcome);
            }
        }
        return new DrillInput(all.size(), calls, outcomesById, malformedCalls, malformedKinds);
    }

    /** Whether {@code event} was sent well-formed: its event id is that of a call or outcome sent unmarked. */
    boolean sentWellFormed(SpecificRecord event) {
        String eventId = event instanceof UsageEvent call ? call.getEventId() : ((OutcomeEvent) event).getEventId();
        return event instanceof UsageEvent ? calls.containsKey(eventId) : outcomes.containsKey(eventId);
    }

    /** The ledger's input: every call counted once, the malformed ones that are calls included. */
    TokenSums tokens() {
        return TokenSums.ofCalls(calls.values()).plus(TokenSums.ofCalls(malformedCalls));
    }

    long commits() {
        return outcomes.values().stream().filter(outcome -> outcome.getKind() == OutcomeKind.COMMIT).count();
    }

    /** How many records came more than once. */
    long repeats() {
        return records - calls.size() - outcomes.size() - malformedKinds.values().stream().mapToLong(Long::longValue).sum();
    }
}
