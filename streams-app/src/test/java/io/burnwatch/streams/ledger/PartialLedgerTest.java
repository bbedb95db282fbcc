package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.ledger.LedgerWindowsTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.state.LedgerPartial;
import io.burnwatch.streams.state.WindowTally;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TEAM and MODEL windows from the partials of two input partitions")
class PartialLedgerTest {

    private static final long MINUTE = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    /** The minute's close: its end plus the 30 s grace of 1-minute windows. */
    private static final long CLOSE = MINUTE + 90_000;
    private static final RollupKey PAYMENTS = new RollupKey(Dimension.TEAM, "payments", Instant.ofEpochMilli(MINUTE));

    @TempDir
    Path stateDir;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private BurnwatchConfig config;
    private BurnwatchSerdes serdes;
    private TopologyTestDriver driver;
    private TestInputTopic<RollupKey, LedgerPartial> partials;
    private TestOutputTopic<RollupKey, UsageRollup> rollups;
    private TestOutputTopic<RollupKey, UsageRollup> late;

    @BeforeEach
    void start() {
        config = BurnwatchConfig.of(Map.of("schema.registry.url", "mock://" + UUID.randomUUID(),
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(), BurnwatchSettings.TOPIC_PARTITIONS, "2"));
        serdes = BurnwatchSerdes.from(config);
        open();
    }

    private void open() {
        StreamsBuilder builder = new StreamsBuilder();
        Ledger.partials(builder, builder.stream("partials", Consumed.with(serdes.rollupKey(), serdes.ledgerPartial())),
                LedgerSettings.from(config), serdes);
        driver = new TopologyTestDriver(builder.build(), new BurnwatchMetrics(meters).addTo(config.streamsProperties()));
        partials = driver.createInputTopic("partials", serdes.rollupKey().serializer(), serdes.ledgerPartial().serializer());
        rollups = driver.createOutputTopic(config.rollups1mTopic(), serdes.rollupKey().deserializer(), serdes.rollup().deserializer());
        late = driver.createOutputTopic(config.lateTopic(), serdes.rollupKey().deserializer(), serdes.lateRollup().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
        meters.close();
    }

    @Test
    @DisplayName("a window closes once both partitions' watermarks pass its close, with both partials in it")
    void closesOnEveryWatermark() {
        partials.pipeInput(PAYMENTS, partial(0, 2));
        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(0, CLOSE));
        assertThat(rollups.isEmpty()).as("partition 1 has not passed the close").isTrue();

        partials.pipeInput(PAYMENTS, partial(1, 3));
        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(1, CLOSE));

        assertThat(rollups.readKeyValuesToList()).singleElement().satisfies(rollup -> {
            assertThat(rollup.key).isEqualTo(PAYMENTS);
            assertThat(rollup.value.getRequests()).isEqualTo(5);
            assertThat(rollup.value.getSessions()).isEqualTo(5);
        });
        assertThat(late.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a partition that holds no window holds nothing back; if it gets an older event, that partial is late")
    void partitionHoldingNothing() {
        partials.pipeInput(PAYMENTS, partial(0, 2));
        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(0, CLOSE + 3_600_000));
        assertThat(rollups.isEmpty()).as("partition 1 not heard from: it may still hold the window").isTrue();

        partials.pipeInput(Partials.watermarkKey(), Partials.holdsNothing(1));
        assertThat(rollups.readValuesToList()).singleElement()
                .satisfies(rollup -> assertThat(rollup.getRequests()).isEqualTo(2));

        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(1, CLOSE));
        partials.pipeInput(PAYMENTS, partial(1, 3));

        List<TestRecord<RollupKey, UsageRollup>> missed = late.readRecordsToList();
        assertThat(missed).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(PAYMENTS);
            assertThat(record.value().getRequests()).isEqualTo(3);
            assertThat(header(record, LateHeaders.DIMENSION)).isEqualTo("TEAM");
            assertThat(header(record, LateHeaders.WINDOW_SIZE)).isEqualTo("1m");
            assertThat(header(record, LateHeaders.WINDOW_START)).isEqualTo("2026-03-02T10:00:00Z");
        });
        assertThat(rollups.isEmpty()).as("no second rollup of the closed window").isTrue();
    }

    @Test
    @DisplayName("one partition far ahead closes nothing while another still holds the window")
    void fastPartitionClosesNothingAlone() {
        partials.pipeInput(PAYMENTS, partial(1, 3));
        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(0, CLOSE + 86_400_000L));
        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(1, CLOSE - 1));
        partials.pipeInput(PAYMENTS, partial(1, 4));
        assertThat(rollups.isEmpty()).isTrue();

        partials.pipeInput(Partials.watermarkKey(), Partials.watermark(1, CLOSE));

        assertThat(rollups.readValuesToList()).singleElement()
                .satisfies(rollup -> assertThat(rollup.getRequests()).isEqualTo(7));
        assertThat(late.isEmpty()).isTrue();
    }

    /** A 1-minute partial of {@code requests} calls, each of its own session, 100 input tokens each. */
    private static LedgerPartial partial(int source, int requests) {
        WindowTally tally = Tallies.empty();
        tally.getTotals().setRequests(requests);
        tally.getTotals().setInputTokens(100L * requests);
        tally.setSessions(requests);
        return Partials.partial(source, WindowSize.MINUTE, tally, CLOSE);
    }
}
