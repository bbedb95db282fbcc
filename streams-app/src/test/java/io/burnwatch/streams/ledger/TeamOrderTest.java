package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.guard.Spends.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.state.EntryKind;
import io.burnwatch.streams.state.LedgerEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two input partitions send a team's calls, each in its own order and at its own pace. */
@DisplayName("Team calls in event-time order")
class TeamOrderTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Serde<LedgerEntry> ENTRIES = Serdes.serdeFrom(
            (topic, entry) -> bytes(entry), (topic, bytes) -> entry(bytes));

    private final MockProcessorContext<String, LedgerEntry> context = new MockProcessorContext<>();
    private TeamOrder order;

    @BeforeEach
    void start() {
        KeyValueStore<Bytes, LedgerEntry> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TeamOrder.STORE), Serdes.Bytes(), ENTRIES).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        Map<WindowSize, Duration> graces = Map.of(WindowSize.MINUTE, Duration.ZERO, WindowSize.HOUR, Duration.ZERO,
                WindowSize.DAY, Duration.ZERO);
        order = new TeamOrder(new LedgerSettings(Map.of(WindowSize.MINUTE, "m", WindowSize.HOUR, "h", WindowSize.DAY, "d"),
                graces, "late", Duration.ZERO, 2, InputSources.none(), InputSources.none()));
        order.init(context);
    }

    @Test
    @DisplayName("a partition's calls wait for the other's watermark; holding nothing releases them; a call behind goes on at once")
    void callsWaitForEveryPartition() {
        send(1, "b-1", 5, 10);
        send(1, "b-2", 10, 10);
        send(0, "a-1", 1, 1);
        assertThat(released()).containsExactly("a-1");

        watermark(0, 7);
        assertThat(released()).containsExactly("b-1");

        watermark(0, Long.MAX_VALUE);
        assertThat(released()).containsExactly("b-2");

        send(0, "a-2", 8, 8);
        assertThat(released()).as("behind what went on: late for the order").containsExactly("a-2");
        send(0, "a-3", 12, 12);
        assertThat(released()).as("partition 1 is at 10").isEmpty();
    }

    @Test
    @DisplayName("calls of the same millisecond go on by event id, whichever came first")
    void tiesByEventId() {
        send(1, "e-2", 3, 3);
        send(1, "e-1", 3, 3);
        send(0, "e-0", 4, 4);
        assertThat(released()).containsExactly("e-1", "e-2");
    }

    @Test
    @DisplayName("a partition not heard from holds everything")
    void unknownPartitionHolds() {
        send(0, "a-1", 1, 60);
        assertThat(released()).isEmpty();
    }

    private void send(int source, String eventId, int minute, int watermarkMinute) {
        UsageEvent call = UsageEvent.newBuilder(call("alice", "payments", T0.plus(Duration.ofMinutes(minute)), 1))
                .setEventId(eventId).build();
        LedgerEntry entry = LedgerEntries.call(call, null);
        order.process(new Record<>("payments", new LedgerEntry(entry.getKind(), entry.getEvent(), entry.getTeam(), null,
                source, T0.plus(Duration.ofMinutes(watermarkMinute)).toEpochMilli()), call.getTs().toEpochMilli()));
    }

    private void watermark(int source, long minute) {
        long at = minute == Long.MAX_VALUE ? Long.MAX_VALUE : T0.plus(Duration.ofMinutes(minute)).toEpochMilli();
        order.process(new Record<>("", new LedgerEntry(EntryKind.CALL, ByteBuffer.allocate(0), "", null, source, at), 0L));
    }

    private List<String> released() {
        List<String> ids = context.forwarded().stream()
                .map(forward -> ((UsageEvent) LedgerEntries.event(forward.record().value())).getEventId()).toList();
        context.resetForwards();
        return ids;
    }

    private static byte[] bytes(LedgerEntry entry) {
        try {
            ByteBuffer buffer = entry.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LedgerEntry entry(byte[] bytes) {
        try {
            return LedgerEntry.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
