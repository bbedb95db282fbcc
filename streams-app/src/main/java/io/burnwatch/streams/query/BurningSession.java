package io.burnwatch.streams.query;

import io.burnwatch.streams.idle.WindowBurn;
import io.burnwatch.streams.state.SessionBurn;
import java.time.Instant;
import java.util.List;

/**
 * A root session with agent calls in the trailing idle window up to now: its calls, tokens and cost there (subagents'
 * included), and the IDLE_LOOP alert it has open, if any.
 *
 * @param costUsd the calls whose cost is known; null when none is
 */
public record BurningSession(String sessionId, String repo, String client, List<String> models, long calls,
                             long tokens, Double costUsd, Instant since, Instant lastCallAt, int subagentSessions,
                             String alertId) {

    static BurningSession of(SessionBurn session, WindowBurn window) {
        return new BurningSession(session.getSessionId(), session.getRepo(), session.getClient(),
                List.copyOf(session.getModels()), window.calls(), window.tokens(), window.costUsd(),
                Instant.ofEpochMilli(window.startMs()), Instant.ofEpochMilli(session.getLastAgentCallTs()),
                session.getSubagents(), session.getEpisode() == null ? null : session.getEpisode().getAlertId());
    }
}
