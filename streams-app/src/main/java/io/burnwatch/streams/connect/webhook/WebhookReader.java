package io.burnwatch.streams.connect.webhook;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.connect.identity.Identity;
import io.burnwatch.streams.connect.identity.IdentityStore;
import io.burnwatch.streams.connect.identity.UnmappedIdentities;
import io.burnwatch.streams.ingest.IngestMetrics;
import io.burnwatch.streams.ingest.InvalidRecordException;
import io.burnwatch.streams.ingest.OutcomeContract;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Turns a webhook delivery into the outcomes it names ({@link WebhookMapper}), each checked by the outcome contract,
 * attributed to its author's user id through the identity map ({@link IdentityStore}), keyed by that user id,
 * timestamped with its {@code ts} and stamped with the webhook partition it came from ({@link SourceClock}).
 *
 * <p>An author the map does not know is counted as its email (or {@code github:<login>}, {@code gitlab:<user>}) and
 * counted in {@link UnmappedIdentities}. A delivery that cannot be read goes to the dead letter queue whole; so does
 * one of which a commit breaks the contract (a commit older than the dedup horizon, say), after its other outcomes
 * were forwarded: replayed from the dead letter queue, those count once, by their event ids. Deliveries are counted
 * by vendor, event and whether they named an outcome ({@code burnwatch.webhook.deliveries}).
 */
final class WebhookReader implements Processor<String, byte[], String, OutcomeEvent> {

    static final String DELIVERIES = "burnwatch.webhook.deliveries";
    /** Event names that are their own tag value; any other counts as {@code other}, so the tags stay few. */
    private static final Set<String> NAMED_EVENTS = Set.of(WebhookMapper.GITHUB_PUSH, WebhookMapper.GITHUB_PULL_REQUEST,
            "ping", WebhookMapper.GITLAB_PUSH, WebhookMapper.GITLAB_MERGE_REQUEST);

    private final WebhookMapper mapper;
    private final OutcomeContract contract;
    private ProcessorContext<String, OutcomeEvent> context;
    private ReadOnlyKeyValueStore<String, String> identities;
    private UnmappedIdentities unmapped;
    private MeterRegistry registry;
    private IngestMetrics ingest;
    private final Map<String, Counter> eventsIn = new HashMap<>();
    private final Map<String, Counter> deliveries = new HashMap<>();
    /** The highest ts read here: the webhook records' own timestamps say when they were received. */
    private long latestTs = Long.MIN_VALUE;

    WebhookReader(String sessionTrailer, OutcomeContract contract) {
        this.mapper = new WebhookMapper(sessionTrailer);
        this.contract = contract;
    }

    @Override
    public void init(ProcessorContext<String, OutcomeEvent> context) {
        this.context = context;
        this.identities = context.getStateStore(IdentityStore.NAME);
        BurnwatchMetrics metrics = BurnwatchMetrics.from(context.appConfigs());
        this.unmapped = metrics.unmappedIdentities();
        this.registry = metrics.registry();
        this.ingest = new IngestMetrics(metrics);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        context.recordMetadata().ifPresent(source ->
                eventsIn.computeIfAbsent(source.topic(), ingest::eventsIn).increment());
        String vendor = WebhookHeaders.value(record.headers(), WebhookHeaders.VENDOR);
        String event = WebhookHeaders.value(record.headers(), WebhookHeaders.EVENT);
        List<WebhookOutcome> outcomes = mapper.map(vendor, event, record.value());
        count(vendor, event, outcomes.isEmpty() ? "ignored" : "mapped");
        long now = context.currentSystemTimeMs();
        InvalidRecordException problem = null;
        List<OutcomeEvent> valid = new ArrayList<>();
        for (WebhookOutcome outcome : outcomes) {
            if (outcome.problem() != null) {
                problem = problem == null ? outcome.problem() : problem;
                continue;
            }
            OutcomeEvent checked;
            try {
                checked = check(outcome, now);
            } catch (InvalidRecordException e) {
                problem = problem == null ? e : problem;
                continue;
            }
            valid.add(checked);
        }
        for (OutcomeEvent outcome : valid) {
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            context.recordMetadata().ifPresent(source ->
                    SourceClock.stamp(headers, InputSources.name(source.topic(), source.partition())));
            context.forward(new Record<>(outcome.getUserId(), outcome, outcome.getTs().toEpochMilli(), headers));
        }
        if (problem != null) {
            throw problem;
        }
    }

    private OutcomeEvent check(WebhookOutcome outcome, long now) {
        Optional<String> mapped = IdentityStore.resolve(identities, outcome.candidates());
        Identity fallback = outcome.fallback();
        OutcomeEvent event = outcome.toEvent(mapped.orElseGet(() -> WebhookOutcome.userIdOf(fallback)));
        long ts = event.getTs().toEpochMilli();
        contract.check(event, now, Math.max(latestTs, ts));
        latestTs = Math.max(latestTs, ts);
        if (mapped.isEmpty()) {
            unmapped.record(fallback, outcome.candidates());
        }
        return event;
    }

    private void count(String vendor, String event, String result) {
        String name = NAMED_EVENTS.contains(event) ? event : "other";
        deliveries.computeIfAbsent(vendor + "\n" + name + "\n" + result, key -> Counter.builder(DELIVERIES)
                .tag("vendor", vendor).tag("event", name).tag("result", result)
                .description("Webhook deliveries read, by whether they named an outcome").register(registry))
                .increment();
    }
}
