package io.burnwatch.streams.idle;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.Events;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One session's calls, written as a script: each step moves the session's clock on and pipes a call into the
 * pipeline. Sizes and costs are the test's to choose.
 */
final class AgentScript {

    private final PipelineDriver pipeline;
    private final String user;
    private final String session;
    private String parent;
    private String repo = "acme/api";
    private Instant now;
    private int calls;

    AgentScript(PipelineDriver pipeline, String user, String session, Instant start) {
        this.pipeline = pipeline;
        this.user = user;
        this.session = session;
        this.now = start;
    }

    AgentScript subagentOf(String parentSession) {
        this.parent = parentSession;
        return this;
    }

    AgentScript inRepo(String repo) {
        this.repo = repo;
        return this;
    }

    /** An AGENT call {@code gap} after the previous step. */
    UsageEvent agent(Duration gap, long input, long output, long cacheRead, double costUsd, String promptHash) {
        return call(gap, Initiator.AGENT, input, output, cacheRead, costUsd, promptHash);
    }

    /** A HUMAN turn {@code gap} after the previous step. */
    UsageEvent human(Duration gap, long input, long output, double costUsd) {
        return call(gap, Initiator.HUMAN, input, output, 0, costUsd, UUID.randomUUID().toString());
    }

    /** Moves the session's clock on without a call. */
    AgentScript idle(Duration gap) {
        now = now.plus(gap);
        return this;
    }

    /** An outcome of this session's user {@code gap} after the previous step, naming this session and its repo. */
    OutcomeEvent outcome(Duration gap, OutcomeKind kind) {
        now = now.plus(gap);
        OutcomeEvent outcome = OutcomeEvent.newBuilder(Events.commit(user, now))
                .setKind(kind)
                .setSessionId(session)
                .setRepo(repo)
                .build();
        pipeline.pipe(outcome);
        return outcome;
    }

    Instant now() {
        return now;
    }

    String user() {
        return user;
    }

    int calls() {
        return calls;
    }

    private UsageEvent call(Duration gap, Initiator initiator, long input, long output, long cacheRead, double costUsd,
                            String promptHash) {
        now = now.plus(gap);
        UsageEvent call = Events.call(user, session, now)
                .setTeamId("platform")
                .setParentSessionId(parent)
                .setClient("claude-code")
                .setInitiator(initiator)
                .setInputTokens(input)
                .setOutputTokens(output)
                .setCacheReadTokens(cacheRead)
                .setCostUsd(costUsd)
                .setPromptHash(promptHash)
                .setRepo(repo)
                .build();
        pipeline.pipe(call);
        calls++;
        return call;
    }
}
