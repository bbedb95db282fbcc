package io.burnwatch.sim.persona;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a persona emits: a model call or an outcome, both keyed by the user who caused it, or the ground truth of a
 * session it opened, keyed by the session.
 */
public sealed interface SimEvent {

    String eventId();

    Instant ts();

    String userId();

    /** The record key: the user id for usage and outcomes, so they are co-partitioned. */
    default String key() {
        return userId();
    }

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

    /** A session's ground truth; its time is when it became detectable, or when it started. */
    record Truth(SessionTruth truth) implements SimEvent {
        @Override
        public String eventId() {
            return truth.getSessionId();
        }

        @Override
        public Instant ts() {
            return truth.getDetectableFrom() != null ? truth.getDetectableFrom() : truth.getStartedAt();
        }

        @Override
        public String userId() {
            return truth.getUserId();
        }

        @Override
        public String key() {
            return truth.getSessionId();
        }

        @Override
        public SpecificRecord record() {
            return truth;
        }
    }
}
