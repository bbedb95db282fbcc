package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.Initiator;

/**
 * Any other agent that follows OpenTelemetry's GenAI semantic conventions: a log record with
 * {@code gen_ai.usage.input_tokens} or {@code gen_ai.usage.output_tokens} is an AGENT call. By the conventions the
 * input count INCLUDES cached tokens, so {@code gen_ai.usage.cache_read.input_tokens} and
 * {@code gen_ai.usage.cache_creation.input_tokens} are taken out of it and counted as cache reads and writes.
 * The model is {@code gen_ai.response.model}, else {@code gen_ai.request.model}; the session
 * {@code gen_ai.conversation.id}, else {@code session.id}; the client the resource's {@code service.name}. The id
 * is {@code <client>:<gen_ai.response.id>} when there is one, else hashed.
 */
final class GenAiEvents implements AgentEvents {

    static final String INPUT = "gen_ai.usage.input_tokens";
    static final String OUTPUT = "gen_ai.usage.output_tokens";

    @Override
    public boolean claims(OtlpLogRecord log) {
        return log.has(INPUT) || log.has(OUTPUT);
    }

    @Override
    public String client(OtlpLogRecord log) {
        return log.text("service.name", "gen_ai.provider.name", "gen_ai.system").orElse("otel");
    }

    @Override
    public Mapped map(OtlpLogRecord log, OtlpPeople people) {
        String client = client(log);
        String session = log.text("gen_ai.conversation.id", "session.id").orElse("");
        long cacheRead = log.count("gen_ai.usage.cache_read.input_tokens");
        long cacheWrite = log.count("gen_ai.usage.cache_creation.input_tokens");
        return new Mapped.Usage(OtlpCalls.call(client, log, people, session, Initiator.AGENT)
                .setEventId(log.text("gen_ai.response.id").map(id -> OtlpEventIds.of(client, id))
                        .orElseGet(() -> OtlpEventIds.hashed(client, log, session)))
                .setModel(log.text("gen_ai.response.model", "gen_ai.request.model").orElse(""))
                .setInputTokens(OtlpCalls.less(log.count(INPUT), cacheRead + cacheWrite))
                .setCacheReadTokens(cacheRead)
                .setCacheWriteTokens(cacheWrite)
                .setOutputTokens(log.count(OUTPUT))
                .build());
    }
}
