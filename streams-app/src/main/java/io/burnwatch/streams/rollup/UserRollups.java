package io.burnwatch.streams.rollup;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.cost.CallPricer;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.UsageTotals;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Usage per user and 1-minute event-time window (epoch-aligned, so on UTC minutes), emitted once when the window
 * closes: after its end plus the grace period, as measured by stream time. Each call is priced first (see
 * {@link CallPricer}), so the rollup carries the computed cost next to the provider-reported one.
 */
public final class UserRollups {

    public static final String STORE = "rollup-1m-user";
    public static final Duration SIZE = Duration.ofMinutes(1);

    private UserRollups() {
    }

    public static void addTo(KStream<String, UsageEvent> usage, String topic, Duration grace, BurnwatchSerdes serdes) {
        // Suppression, unlike EmitStrategy.onWindowClose(), emits as soon as stream time passes the close, with
        // no wall-clock throttling, so a closed window never waits for later traffic.
        usage.processValues(CallPricer::new, Named.as("rollup-1m-user-price"))
                .groupByKey(Grouped.with(serdes.string(), serdes.totals()))
                .windowedBy(TimeWindows.ofSizeAndGrace(SIZE, grace))
                .aggregate(Totals::empty, (user, call, totals) -> Totals.merge(totals, call),
                        Named.as("rollup-1m-user-sum"),
                        Materialized.<String, UsageTotals, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(serdes.string())
                                .withValueSerde(serdes.totals()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("rollup-1m-user-final"))
                .toStream(Named.as("rollup-1m-user-closed"))
                .map((window, totals) -> KeyValue.pair(key(window), rollup(window, totals)), Named.as("rollup-1m-user-record"))
                .to(topic, Produced.with(serdes.rollupKey(), serdes.rollup()).withName("rollup-1m-user-sink"));
    }

    static RollupKey key(Windowed<String> window) {
        return RollupKey.newBuilder()
                .setDimension(Dimension.USER)
                .setDimensionValue(window.key())
                .setWindowStart(window.window().startTime())
                .build();
    }

    static UsageRollup rollup(Windowed<String> window, UsageTotals totals) {
        return UsageRollup.newBuilder()
                .setDimension(Dimension.USER)
                .setDimensionValue(window.key())
                .setWindowStart(window.window().startTime())
                .setWindowEnd(window.window().endTime())
                .setRequests(totals.getRequests())
                .setInputTokens(totals.getInputTokens())
                .setOutputTokens(totals.getOutputTokens())
                .setCacheReadTokens(totals.getCacheReadTokens())
                .setCacheWriteTokens(totals.getCacheWriteTokens())
                .setReportedCostUsd(totals.getReportedCostUsd())
                .setComputedCostUsd(totals.getComputedCostUsd())
                .setUnpricedTokens(totals.getUnpricedTokens())
                .build();
    }
}
