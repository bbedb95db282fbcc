package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;

/** What one OTLP log record becomes: a call, an outcome, or nothing burnwatch counts. */
sealed interface Mapped {

    /** A call: a model request, or a person's turn. */
    record Usage(UsageEvent event) implements Mapped {
    }

    /** Something that came out of the work, such as a commit the agent made. */
    record Outcome(OutcomeEvent event) implements Mapped {
    }

    /** An event burnwatch does not count: another event name, or one without usage. */
    record Ignored() implements Mapped {
    }

    Mapped IGNORED = new Ignored();
}
