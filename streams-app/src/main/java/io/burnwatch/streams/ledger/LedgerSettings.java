package io.burnwatch.streams.ledger;

import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.config.BurnwatchConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the ledger writes, and how long each window size waits for late events.
 *
 * @param maxLead how far past the wall clock the ledger's stream time may run, whatever a call's {@code ts}
 * @param partitions the input partitions, each of which sends partials and watermarks
 * @param sources     what may feed an input partition, whose time the user windows wait for
 * @param callSources what may feed an input partition with calls, whose time team calls wait for
 */
public record LedgerSettings(Map<WindowSize, String> rollupTopics, Map<WindowSize, Duration> graces, String lateTopic,
                             Duration maxLead, int partitions, InputSources sources, InputSources callSources) {

    public LedgerSettings {
        rollupTopics = new EnumMap<>(rollupTopics);
        graces = new EnumMap<>(graces);
        for (WindowSize size : WindowSize.values()) {
            if (!rollupTopics.containsKey(size) || !graces.containsKey(size)) {
                throw new IllegalArgumentException("No rollup topic or grace for window size " + size.label());
            }
        }
    }

    public static LedgerSettings from(BurnwatchConfig config) {
        return new LedgerSettings(
                Map.of(WindowSize.MINUTE, config.rollups1mTopic(), WindowSize.HOUR, config.rollups1hTopic(),
                        WindowSize.DAY, config.rollups1dTopic()),
                Map.of(WindowSize.MINUTE, config.rollupGrace1m(), WindowSize.HOUR, config.rollupGrace1h(),
                        WindowSize.DAY, config.rollupGrace1d()),
                config.lateTopic(), config.rollupMaxLead(), config.topicPartitions(), InputSources.of(config),
                InputSources.ofCalls(config));
    }

    public String rollupTopic(WindowSize size) {
        return rollupTopics.get(size);
    }

    public long maxLeadMillis() {
        return maxLead.toMillis();
    }

    /** When a window of {@code size} starting at {@code start} closes: its end plus the size's grace. */
    public long closesAt(WindowSize size, long start) {
        return start + size.millis() + graceMillis(size);
    }

    public long graceMillis(WindowSize size) {
        return graces.get(size).toMillis();
    }
}
