package io.burnwatch.sim.persona;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** What a persona emits: a model call or an outcome, both keyed by the user who caused it. */
public sealed interface SimEvent {

    String eventId();

    Instant ts();

    String userId();

    SpecificRecord record();

    record Usage(UsageEvent event) implements SimEvent {
        @Override
        public String eventId() {
            return event.getEventId();
        }

        @Override
        public Instant ts() {
            return event.getTs();
        }

        @Override
        public String userId() {
            return event.getUserId();
        }

        @Override
        public SpecificRecord record() {
            return event;
        }
    }

    record Outcome(OutcomeEvent event) implements SimEvent {
        @Override
        public String eventId() {
            return event.getEventId();
        }

        @Override
        public Instant ts() {
            return event.getTs();
        }

        @Override
        public String userId() {
            return event.getUserId();
        }

        @Override
        public SpecificRecord record() {
            return event;
        }
    }
}
