package io.burnwatch.streams.ledger;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.clock.SourceClock;
import io.burnwatch.streams.state.EntryKind;
import io.burnwatch.streams.state.LedgerEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each call to its team's partition, with this partition's time ({@link SourceClock}) as its watermark, and
 * the watermark to every partition once it has moved {@link #STEP_MS} of event time, so that {@link TeamOrder} can
 * put a team's calls from every input partition back into event-time order. A partition that has had no call for
 * {@link #IDLE_CHECK} says that it holds nothing back, and says it again while it stays idle, so that a team task
 * that starts or moves meanwhile hears it too.
 */
final class TeamFeed implements Processor<String, LedgerEntry, String, LedgerEntry> {

    /** Event time between watermarks to every partition: how stale a watermark from a busy partition may be. */
    static final long STEP_MS = 5_000;
    static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final String WATERMARK_KEY = "";
    private static final ByteBuffer NO_EVENT = ByteBuffer.allocate(0);

    private final SourceClock sources = new SourceClock();
    private final InputSources expected;
    private ProcessorContext<String, LedgerEntry> context;
    private int source;
    private long time = Long.MIN_VALUE;
    private long sent = Long.MIN_VALUE;
    private boolean called;

    TeamFeed(InputSources expected) {
        this.expected = expected;
    }

    @Override
    public void init(ProcessorContext<String, LedgerEntry> context) {
        this.context = context;
        sources.expect(expected.names());
        this.source = context.taskId().partition();
        context.schedule(IDLE_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> idle());
    }

    @Override
    public void process(Record<String, LedgerEntry> record) {
        LedgerEntry entry = record.value();
        if (entry.getKind() != EntryKind.CALL) {
            return;
        }
        long ts = ((UsageEvent) LedgerEntries.event(entry)).getTs().toEpochMilli();
        long now = context.currentSystemTimeMs();
        sources.observe(SourceClock.sourceOf(record.headers()), ts, now);
        time = Math.max(time, sources.time(now));
        context.forward(new Record<>(entry.getTeam(), new LedgerEntry(entry.getKind(), entry.getEvent(), entry.getTeam(),
                entry.getComputedCostUsd(), source, time), ts));
        called = true;
        if (time != Long.MIN_VALUE && (sent == Long.MIN_VALUE || time - sent >= STEP_MS)) {
            sendWatermark(time);
        }
    }

    private void idle() {
        if (!called) {
            sendWatermark(Long.MAX_VALUE);
        }
        called = false;
    }

    private void sendWatermark(long watermark) {
        context.forward(new Record<>(WATERMARK_KEY, new LedgerEntry(EntryKind.CALL, NO_EVENT, WATERMARK_KEY, null, source,
                watermark), Math.max(time, 0)));
        sent = watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark;
    }

    static boolean isWatermark(LedgerEntry entry) {
        return !entry.getEvent().hasRemaining();
    }

    /** A call to its team's partition, as Kafka Streams' default partitioner would; a watermark to every one. */
    static StreamPartitioner<String, LedgerEntry> partitioner() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, String team, LedgerEntry entry, int numPartitions) {
                if (isWatermark(entry)) {
                    return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
                }
                byte[] key = team.getBytes(StandardCharsets.UTF_8);
                return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key)) % numPartitions));
            }
        };
    }
}
