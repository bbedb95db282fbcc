package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A restart is a new processor instance over the stores Kafka Streams restored from their changelogs: here, a new
 * {@link WindowLedger} over the same stores, with nothing kept in memory.
 */
@DisplayName("Window ledger across a restart")
class WindowLedgerRestartTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");

    private final BurnwatchConfig config = BurnwatchConfig.of(Map.of("schema.registry.url", "mock://ledger-restart"));
    private final BurnwatchSerdes serdes = BurnwatchSerdes.from(config);
    private final LedgerSettings settings = LedgerSettings.from(config);
    private final MockProcessorContext<Object, SpecificRecord> context = new MockProcessorContext<>();

    @AfterEach
    void dropRegistryScope() {
        SchemaRegistries.dropScope(config.schemaRegistryUrl());
    }

    @Test
    @DisplayName("keeps stream time: a closed window stays closed, an open one keeps its sums")
    void restartKeepsStreamTime() {
        store(WindowLedger.windowsStore(Dimension.USER), Serdes.Bytes(), serdes.windowTally());
        store(WindowLedger.sessionsStore(Dimension.USER), Serdes.Bytes(), Serdes.ByteArray());
        store(WindowLedger.clockStore(Dimension.USER), Serdes.String(), Serdes.Long());

        WindowLedger before = started();
        before.process(entry(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(1).build()));
        before.process(entry(call("alice", "s-1", MINUTE.plusSeconds(91)).setInputTokens(2).build()));
        assertThat(rollups()).extracting(UsageRollup::getInputTokens).as("the 10:00 minute closed").containsExactly(1L);
        context.resetForwards();

        WindowLedger after = started();
        after.process(entry(call("alice", "s-1", MINUTE.plusSeconds(2)).setInputTokens(4).build()));
        assertThat(rollups()).as("no window re-opened and emitted again").isEmpty();
        assertThat(context.forwarded()).extracting(forward -> forward.record().value())
                .as("late in the 10:00 minute only").singleElement().isInstanceOf(UsageEvent.class);
        context.resetForwards();

        after.process(entry(call("alice", "s-1", MINUTE.plusSeconds(180)).build()));
        assertThat(rollups()).extracting(UsageRollup::getInputTokens).as("the 10:01 minute kept its sum").containsExactly(2L);
    }

    @Test
    @DisplayName("stores stream time as windows close, not on every call; a restart from it judges late the same events")
    void storesStreamTimeAsWindowsClose() {
        store(WindowLedger.windowsStore(Dimension.USER), Serdes.Bytes(), serdes.windowTally());
        store(WindowLedger.sessionsStore(Dimension.USER), Serdes.Bytes(), Serdes.ByteArray());
        KeyValueStore<String, Long> clock = store(WindowLedger.clockStore(Dimension.USER), Serdes.String(), Serdes.Long());

        WindowLedger before = started();
        before.process(entry(call("alice", "s-1", MINUTE.plusSeconds(31)).setInputTokens(1).build()));
        before.process(entry(call("alice", "s-1", MINUTE.plusSeconds(50)).setInputTokens(2).build()));
        assertThat(clock.get("stream-time")).as("no window closes between 10:00:31 and 10:00:50")
                .isEqualTo(MINUTE.plusSeconds(31).toEpochMilli());
        before.process(entry(call("alice", "s-1", MINUTE.plusSeconds(91)).setInputTokens(4).build()));
        assertThat(clock.get("stream-time")).as("10:00 closed").isEqualTo(MINUTE.plusSeconds(91).toEpochMilli());
        before.process(entry(call("alice", "s-1", MINUTE.plusSeconds(110)).setInputTokens(8).build()));
        context.resetForwards();

        WindowLedger after = started();
        after.process(entry(call("alice", "s-1", MINUTE.plusSeconds(59)).setInputTokens(16).build()));
        after.process(entry(call("alice", "s-1", MINUTE.plusSeconds(100)).setInputTokens(32).build()));
        assertThat(context.forwarded()).extracting(forward -> forward.record().value())
                .as("late in the closed 10:00 minute only").singleElement().isInstanceOf(UsageEvent.class);
        context.resetForwards();
        after.process(entry(call("alice", "s-1", MINUTE.plusSeconds(180)).build()));
        assertThat(rollups()).extracting(UsageRollup::getInputTokens).as("the 10:01 minute").containsExactly(4L + 8 + 32);
    }

    private WindowLedger started() {
        // A day after the events: the wall clock does not hold their stream time back.
        context.setCurrentSystemTimeMs(MINUTE.plus(Duration.ofDays(1)).toEpochMilli());
        WindowLedger ledger = new WindowLedger(Dimension.USER, settings);
        ledger.init(context);
        return ledger;
    }

    private List<UsageRollup> rollups() {
        return context.forwarded().stream().map(forward -> forward.record().value())
                .filter(UsageRollup.class::isInstance).map(UsageRollup.class::cast)
                .filter(rollup -> rollup.getWindowEnd().toEpochMilli() - rollup.getWindowStart().toEpochMilli() == 60_000)
                .toList();
    }

    private static Record<String, LedgerEntry> entry(UsageEvent call) {
        return new Record<>(call.getUserId(), LedgerEntries.call(call, null), call.getTs().toEpochMilli());
    }

    private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
