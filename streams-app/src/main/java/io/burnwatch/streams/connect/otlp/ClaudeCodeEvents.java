package io.burnwatch.streams.connect.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Optional;

/**
 * Claude Code's events ({@code CLAUDE_CODE_ENABLE_TELEMETRY=1}, {@code OTEL_LOGS_EXPORTER=otlp}):
 * <ul>
 *   <li>{@code claude_code.api_request}: an AGENT call. Its token counts are already disjoint, as Anthropic's API
 *   reports them: {@code input_tokens} excludes {@code cache_read_tokens} and {@code cache_creation_tokens} (which
 *   become {@code cache_write_tokens}). {@code cost_usd} is Claude Code's own estimate. Its id is
 *   {@code claude-code:<request_id>}.</li>
 *   <li>{@code claude_code.user_prompt}: a person's turn, a HUMAN call of no tokens ({@link OtlpCalls#humanTurn}).</li>
 *   <li>{@code claude_code.tool_result} whose {@code tool_parameters} (sent with {@code OTEL_LOG_TOOL_DETAILS=1})
 *   name a {@code git_commit_id}: a COMMIT outcome of the session, its line counts unknown (0). Its id is
 *   {@code commit:<sha>}, whichever source reports the commit (a webhook too), so that it counts once. A failed
 *   tool run is no commit.</li>
 * </ul>
 * The session is {@code session.id}.
 */
final class ClaudeCodeEvents implements AgentEvents {

    static final String CLIENT = "claude-code";
    private static final String PREFIX = "claude_code.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean claims(OtlpLogRecord log) {
        return log.eventName().startsWith(PREFIX);
    }

    @Override
    public String client(OtlpLogRecord log) {
        return CLIENT;
    }

    @Override
    public Mapped map(OtlpLogRecord log, OtlpPeople people) {
        String session = log.text("session.id").orElse("");
        return switch (log.eventName()) {
            case "claude_code.api_request" -> new Mapped.Usage(
                    OtlpCalls.call(CLIENT, log, people, session, Initiator.AGENT)
                            .setEventId(log.text("request_id").map(id -> OtlpEventIds.of(CLIENT, id))
                                    .orElseGet(() -> OtlpEventIds.hashed(CLIENT, log, session)))
                            .setModel(log.text("model").orElse(""))
                            .setInputTokens(log.count("input_tokens"))
                            .setOutputTokens(log.count("output_tokens"))
                            .setCacheReadTokens(log.count("cache_read_tokens"))
                            .setCacheWriteTokens(log.count("cache_creation_tokens"))
                            .setCostUsd(log.number("cost_usd").orElse(null))
                            .build());
            case "claude_code.user_prompt" -> OtlpCalls.humanTurn(CLIENT, log, people, session);
            case "claude_code.tool_result" -> commit(log, people, session);
            default -> Mapped.IGNORED;
        };
    }

    private static Mapped commit(OtlpLogRecord log, OtlpPeople people, String session) {
        if (log.text("success").filter("false"::equalsIgnoreCase).isPresent()) {
            return Mapped.IGNORED;
        }
        Optional<String> sha = log.value("tool_parameters").flatMap(ClaudeCodeEvents::commitId);
        if (sha.isEmpty()) {
            return Mapped.IGNORED;
        }
        return new Mapped.Outcome(OutcomeEvent.newBuilder()
                .setEventId("commit:" + sha.get())
                .setTs(log.time())
                .setUserId(people.userOf(log).orElse(""))
                .setSessionId(session.isEmpty() ? null : session)
                .setRepo(log.text(OtlpCalls.REPO).orElse(null))
                .setKind(OutcomeKind.COMMIT)
                .setLinesAdded(0)
                .setLinesRemoved(0)
                .setRef(sha.get())
                .build());
    }

    /** The {@code git_commit_id} of the tool's parameters: a JSON object in a string, or a key-value list. */
    private static Optional<String> commitId(AnyValue parameters) {
        if (parameters.hasKvlistValue()) {
            return parameters.getKvlistValue().getValuesList().stream()
                    .filter(kv -> kv.getKey().equals("git_commit_id")).map(KeyValue::getValue)
                    .map(OtlpLogRecord::render).map(String::trim).filter(s -> !s.isEmpty()).findFirst();
        }
        if (!parameters.hasStringValue()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(parameters.getStringValue()).path("git_commit_id");
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().trim()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
