package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.Initiator;
import java.util.Set;

/**
 * OpenAI Codex CLI's events ({@code [otel]} in {@code ~/.codex/config.toml}):
 * <ul>
 *   <li>{@code codex.sse_event} (or {@code codex.websocket_event}) of a completed response, the one that carries
 *   token counts: an AGENT call. Codex reports OpenAI's counts: {@code input_token_count} INCLUDES
 *   {@code cached_token_count}, so input is their difference and cache reads are the cached count;
 *   {@code output_token_count} already includes {@code reasoning_token_count}, so reasoning is not added again.
 *   OpenAI reports no cache writes (0).</li>
 *   <li>{@code codex.user_prompt}: a person's turn, a HUMAN call of no tokens.</li>
 * </ul>
 * The session is {@code conversation.id}; the person {@code user.email}, else {@code user.account_id}. Codex
 * sends no request id, so ids are hashed ({@link OtlpEventIds#hashed}).
 */
final class CodexEvents implements AgentEvents {

    static final String CLIENT = "codex";
    private static final Set<String> RESPONSES = Set.of("codex.sse_event", "codex.websocket_event");

    @Override
    public boolean claims(OtlpLogRecord log) {
        return log.eventName().startsWith("codex.");
    }

    @Override
    public String client(OtlpLogRecord log) {
        return CLIENT;
    }

    @Override
    public Mapped map(OtlpLogRecord log, OtlpPeople people) {
        String name = log.eventName();
        String session = log.text("conversation.id").orElse("");
        if (name.equals("codex.user_prompt")) {
            return OtlpCalls.humanTurn(CLIENT, log, people, session);
        }
        if (!RESPONSES.contains(name) || !(log.has("input_token_count") || log.has("output_token_count"))) {
            return Mapped.IGNORED;
        }
        long cached = log.count("cached_token_count");
        return new Mapped.Usage(OtlpCalls.call(CLIENT, log, people, session, Initiator.AGENT)
                .setEventId(OtlpEventIds.hashed(CLIENT, log, session))
                .setModel(log.text("model").orElse(""))
                .setInputTokens(OtlpCalls.less(log.count("input_token_count"), cached))
                .setCacheReadTokens(cached)
                .setOutputTokens(log.count("output_token_count"))
                .build());
    }
}
