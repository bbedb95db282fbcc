package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.connect.identity.IdentityStore;
import io.burnwatch.streams.ingest.Contract;
import io.burnwatch.streams.ingest.DeadLetterReason;
import io.burnwatch.streams.ingest.IngestMetrics;
import io.burnwatch.streams.ingest.InvalidRecordException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Splits one OTLP logs batch into its log records and forwards each agent event burnwatch counts as a
 * {@link UsageEvent} or {@link OutcomeEvent}, checked by the same contracts as JSON input, keyed by its
 * {@code user_id}, timestamped with its {@code ts} and stamped with the partition it came from
 * ({@link SourceClock}). Log records of other events are ignored and counted.
 *
 * <p>A batch is one Kafka record, so a batch that holds an event the mapping cannot use (no person, no session,
 * no model, a count that is not a number, or one that breaks a contract rule) still has its good events forwarded,
 * and is then dead-lettered whole, with the reason of its first bad event: nothing is lost, and as every event id
 * is stable ({@link OtlpEventIds}), replaying the dead letter counts the good events once. A value that is not an
 * OTLP logs batch is dead-lettered as {@link DeadLetterReason#INVALID_OTLP}.
 */
final class OtlpReader implements Processor<byte[], byte[], String, SpecificRecord> {

    private static final List<AgentEvents> AGENTS = List.of(
            new ClaudeCodeEvents(), new CodexEvents(), new GeminiEvents(), new GenAiEvents());

    private final Contract<UsageEvent> usage;
    private final Contract<OutcomeEvent> outcomes;
    private ProcessorContext<String, SpecificRecord> context;
    private IngestMetrics ingest;
    private OtlpMetrics metrics;
    private OtlpPeople people;
    /** The highest ts read here: the batches' own Kafka timestamps say when they were written, not when things happened. */
    private long latestTs = Long.MIN_VALUE;

    OtlpReader(Contract<UsageEvent> usage, Contract<OutcomeEvent> outcomes) {
        this.usage = usage;
        this.outcomes = outcomes;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.ingest = IngestMetrics.from(context.appConfigs());
        this.metrics = OtlpMetrics.from(context.appConfigs());
        ReadOnlyKeyValueStore<String, String> identities = context.getStateStore(IdentityStore.NAME);
        this.people = new OtlpPeople(identities, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        context.recordMetadata().ifPresent(source -> ingest.eventsIn(source.topic()).increment());
        if (record.value() == null) {
            throw new InvalidRecordException(DeadLetterReason.MISSING_VALUE, "the record has no value");
        }
        ExportLogsServiceRequest batch = OtlpBatches.decode(record.value(), record.headers());
        InvalidRecordException firstProblem = null;
        for (ResourceLogs resource : batch.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                for (LogRecord logRecord : scope.getLogRecordsList()) {
                    OtlpLogRecord log = new OtlpLogRecord(logRecord, resource.getResource().getAttributesList(),
                            scope.getScope().getName());
                    try {
                        read(log, record);
                    } catch (InvalidRecordException problem) {
                        firstProblem = firstProblem == null ? problem : firstProblem;
                    }
                }
            }
        }
        if (firstProblem != null) {
            throw firstProblem;
        }
    }

    private void read(OtlpLogRecord log, Record<byte[], byte[]> record) {
        AgentEvents agent = AGENTS.stream().filter(candidate -> candidate.claims(log)).findFirst().orElse(null);
        String client = agent == null ? log.text("service.name").orElse("unknown") : agent.client(log);
        try {
            Mapped mapped = agent == null ? Mapped.IGNORED : agent.map(log, people);
            if (mapped instanceof Mapped.Usage call) {
                forward(usage, call.event(), record);
                metrics.record(client, "usage");
            } else if (mapped instanceof Mapped.Outcome outcome) {
                forward(outcomes, outcome.event(), record);
                metrics.record(client, "outcome");
            } else {
                metrics.record(client, "ignored");
            }
        } catch (InvalidRecordException problem) {
            metrics.record(client, "invalid");
            throw problem;
        }
    }

    private <V extends SpecificRecord> void forward(Contract<V> contract, V event, Record<byte[], byte[]> record) {
        long ts = contract.ts(event).toEpochMilli();
        contract.check(event, context.currentSystemTimeMs(), Math.max(latestTs, ts));
        latestTs = Math.max(latestTs, ts);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        context.recordMetadata().ifPresent(source ->
                SourceClock.stamp(headers, InputSources.name(source.topic(), source.partition())));
        context.forward(new Record<>(contract.userId(event), event, ts, headers));
    }
}
