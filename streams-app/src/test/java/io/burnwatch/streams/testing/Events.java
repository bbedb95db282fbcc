package io.burnwatch.streams.testing;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import java.util.UUID;

/** Builders of input events with every required field set, so a test states only what it is about. */
public final class Events {

    private Events() {
    }

    /** An agent's model call with no tokens yet; set the ones the test needs. */
    public static UsageEvent.Builder call(String user, String session, Instant ts) {
        return UsageEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTs(ts)
                .setUserId(user)
                .setSessionId(session)
                .setInitiator(Initiator.AGENT)
                .setModel("claude-sonnet-4")
                .setInputTokens(0)
                .setOutputTokens(0)
                .setCacheReadTokens(0)
                .setCacheWriteTokens(0);
    }

    public static OutcomeEvent commit(String user, Instant ts) {
        return OutcomeEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTs(ts)
                .setUserId(user)
                .setKind(OutcomeKind.COMMIT)
                .setLinesAdded(10)
                .setLinesRemoved(2)
                .build();
    }
}
