package io.burnwatch.sim.receiver;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Simulated usage as Claude Code exports it over OTLP/HTTP ({@code CLAUDE_CODE_ENABLE_TELEMETRY=1}): one
 * {@code ExportLogsServiceRequest} of log records, one {@code ResourceLogs} per team and repository (which Claude
 * Code carries as resource attributes, {@code OTEL_RESOURCE_ATTRIBUTES=team.id=...,repo=...}).
 * <ul>
 *   <li>An AGENT call is a {@code claude_code.api_request}: {@code model}, {@code input_tokens},
 *   {@code output_tokens}, {@code cache_read_tokens}, {@code cache_creation_tokens} (the cache writes),
 *   {@code cost_usd} when the call has one, and {@code request_id} = the event id, so burnwatch's event id is
 *   {@code claude-code:<event_id>}.</li>
 *   <li>A HUMAN call is a person's turn, a {@code claude_code.user_prompt}; when it has tokens (a chat turn), the
 *   model call it led to follows as an {@code api_request} at the same time, as Claude Code reports a prompt and
 *   the request it makes.</li>
 * </ul>
 * Every record carries {@code session.id} and {@code user.email} ({@link SimIdentities#email}). What Claude Code
 * does not report is not sent: a subagent's parent session and the prompt fingerprint.
 */
public final class ClaudeCodeLogs {

    static final String SCOPE = "com.anthropic.claude_code.events";
    static final String VERSION = "2.0.14";

    private ClaudeCodeLogs() {
    }

    /** One batch of {@code calls}, in their order within each team and repository. */
    public static ExportLogsServiceRequest batch(List<UsageEvent> calls) {
        Map<List<String>, ScopeLogs.Builder> byResource = new LinkedHashMap<>();
        for (UsageEvent call : calls) {
            List<String> resource = java.util.Arrays.asList(
                    Objects.toString(call.getTeamId(), null), Objects.toString(call.getRepo(), null));
            ScopeLogs.Builder scope = byResource.computeIfAbsent(resource, r -> ScopeLogs.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName(SCOPE).setVersion(VERSION)));
            records(call).forEach(scope::addLogRecords);
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        byResource.forEach((resource, scope) -> {
            Resource.Builder attributes = Resource.newBuilder()
                    .addAttributes(text("service.name", "claude-code"))
                    .addAttributes(text("service.version", VERSION));
            if (resource.get(0) != null) {
                attributes.addAttributes(text("team.id", resource.get(0)));
            }
            if (resource.get(1) != null) {
                attributes.addAttributes(text("repo", resource.get(1)));
            }
            request.addResourceLogs(ResourceLogs.newBuilder().setResource(attributes).addScopeLogs(scope));
        });
        return request.build();
    }

    /** The log records of one call: an api_request, or a user_prompt followed by its api_request if it has tokens. */
    static List<LogRecord> records(UsageEvent call) {
        if (call.getInitiator() == Initiator.HUMAN) {
            LogRecord prompt = record(call, "user_prompt").build();
            return hasTokens(call) ? List.of(prompt, apiRequest(call)) : List.of(prompt);
        }
        return List.of(apiRequest(call));
    }

    private static boolean hasTokens(UsageEvent call) {
        return call.getInputTokens() + call.getOutputTokens() + call.getCacheReadTokens() + call.getCacheWriteTokens() > 0
                || call.getCostUsd() != null && call.getCostUsd() > 0;
    }

    private static LogRecord apiRequest(UsageEvent call) {
        LogRecord.Builder record = record(call, "api_request")
                .addAttributes(text("model", call.getModel()))
                .addAttributes(count("input_tokens", call.getInputTokens()))
                .addAttributes(count("output_tokens", call.getOutputTokens()))
                .addAttributes(count("cache_read_tokens", call.getCacheReadTokens()))
                .addAttributes(count("cache_creation_tokens", call.getCacheWriteTokens()))
                .addAttributes(text("request_id", call.getEventId()));
        if (call.getCostUsd() != null) {
            record.addAttributes(KeyValue.newBuilder().setKey("cost_usd")
                    .setValue(AnyValue.newBuilder().setDoubleValue(call.getCostUsd())));
        }
        return record.build();
    }

    private static LogRecord.Builder record(UsageEvent call, String event) {
        Instant ts = call.getTs();
        long nanos = ts.getEpochSecond() * 1_000_000_000L + ts.getNano();
        return LogRecord.newBuilder()
                .setTimeUnixNano(nanos)
                .setObservedTimeUnixNano(nanos)
                .setBody(AnyValue.newBuilder().setStringValue("claude_code." + event))
                .addAttributes(text("session.id", call.getSessionId()))
                .addAttributes(text("user.email", SimIdentities.email(call.getUserId())))
                .addAttributes(text("event.name", event))
                .addAttributes(text("event.timestamp", ts.toString()));
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue count(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
