package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.Initiator;

/**
 * Gemini CLI's events ({@code telemetry} in {@code ~/.gemini/settings.json}):
 * <ul>
 *   <li>{@code gemini_cli.api_response}: an AGENT call. Gemini's {@code input_token_count} (the prompt) INCLUDES
 *   {@code cached_content_token_count}, so input is their difference plus {@code tool_token_count} (tool-use
 *   prompt tokens, counted on top of the prompt); {@code thoughts_token_count} is billed as output and is added to
 *   {@code output_token_count}, which excludes it. Gemini reports no cache writes (0).</li>
 *   <li>{@code gemini_cli.user_prompt}: a person's turn, a HUMAN call of no tokens.</li>
 * </ul>
 * The session is {@code session.id}; ids are hashed ({@link OtlpEventIds#hashed}).
 */
final class GeminiEvents implements AgentEvents {

    static final String CLIENT = "gemini-cli";

    @Override
    public boolean claims(OtlpLogRecord log) {
        return log.eventName().startsWith("gemini_cli.");
    }

    @Override
    public String client(OtlpLogRecord log) {
        return CLIENT;
    }

    @Override
    public Mapped map(OtlpLogRecord log, OtlpPeople people) {
        String session = log.text("session.id").orElse("");
        return switch (log.eventName()) {
            case "gemini_cli.api_response" -> {
                long cached = log.count("cached_content_token_count");
                yield new Mapped.Usage(OtlpCalls.call(CLIENT, log, people, session, Initiator.AGENT)
                        .setEventId(OtlpEventIds.hashed(CLIENT, log, session))
                        .setModel(log.text("model").orElse(""))
                        .setInputTokens(OtlpCalls.less(log.count("input_token_count"), cached)
                                + log.count("tool_token_count"))
                        .setCacheReadTokens(cached)
                        .setOutputTokens(log.count("output_token_count") + log.count("thoughts_token_count"))
                        .build());
            }
            case "gemini_cli.user_prompt" -> OtlpCalls.humanTurn(CLIENT, log, people, session);
            default -> Mapped.IGNORED;
        };
    }
}
