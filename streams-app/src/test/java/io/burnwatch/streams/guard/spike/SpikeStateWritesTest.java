package io.burnwatch.streams.guard.spike;

import static io.burnwatch.streams.guard.Spends.at;
import static io.burnwatch.streams.guard.Spends.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.burnwatch.schema.SpikeBaseline;
import io.burnwatch.schema.SpikeEvidence;
import io.burnwatch.streams.state.SlotUsd;
import io.burnwatch.streams.state.SpikeState;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the spike detector writes per call: its scopes' hour rings change once an hour, so they are written when an
 * hour closes, and list only the hours with spend; a call only changes the current hour, a record of a few hundred
 * bytes.
 */
@DisplayName("Spike state written per call")
class SpikeStateWritesTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-02-02");
    private static final LocalDate FRIDAY = MONDAY.plusDays(4);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("30 calls in one hour write each scope's ring once; the next hour writes it once more")
    void ringsAreWrittenPerHourNotPerCall() {
        hour(pipeline, "olivia", "search", at(MONDAY, 9), 3.0, 30);

        List<TestRecord<byte[], byte[]>> rings = pipeline.changelog(SpikeStores.STATE);
        List<TestRecord<byte[], byte[]>> hours = pipeline.changelog(SpikeStores.CURRENT_HOUR);
        assertThat(rings).as("user:olivia and team:search, when first seen").hasSize(2);
        assertThat(rings).as("no hour closed yet").allSatisfy(ring -> assertThat(ring.value().length).isLessThan(40));
        assertThat(hours).as("each call, for both scopes").hasSize(60);
        assertThat(hours).allSatisfy(current -> assertThat(current.value().length).isLessThan(300));

        hour(pipeline, "olivia", "search", at(MONDAY, 10), 3.0, 30);

        List<TestRecord<byte[], byte[]>> closed = pipeline.changelog(SpikeStores.STATE);
        assertThat(closed).as("9:00 closed into each ring").hasSize(2);
        assertThat(closed).as("one hour listed").allSatisfy(ring -> assertThat(ring.value().length).isLessThan(60));
        assertThat(pipeline.changelog(SpikeStores.CURRENT_HOUR)).hasSize(60);
    }

    @Test
    @DisplayName("a ring of an earlier version, 336 hourly costs, is read as it is and listed when the next hour closes")
    void ringOfAnEarlierVersionIsListed() {
        long friday11 = Hours.of(at(FRIDAY, 11));
        SpikeState earlier = HourRing.start(friday11 - 4 * 24 - 11);
        List<Double> ring = new ArrayList<>(Collections.nCopies(HourRing.HOURS, 0d));
        double[] thursdayToMonday = {10, 11, 9, 10};
        for (int day = 1; day <= 4; day++) {
            ring.set((int) Math.floorMod(friday11 - 24L * day, (long) HourRing.HOURS), thursdayToMonday[day - 1]);
        }
        earlier.setUsd(ring);
        earlier.setLatestHour(friday11 - 24);
        KeyValueStore<String, SpikeState> states = pipeline.driver.getKeyValueStore(SpikeStores.STATE);
        String carol = SpikeScope.member("solo", "carol").key();
        states.put(carol, earlier);

        hour(pipeline, "carol", "solo", at(FRIDAY, 11), 100, 2);

        SpikeEvidence spike = new SpikeStates(pipeline).only("carol").getSpike();
        assertThat(spike.getBaseline()).isEqualTo(SpikeBaseline.OWN);
        assertThat(spike.getBaselineSamples()).as("Monday to Thursday, from the ring").isEqualTo(4);
        assertThat(spike.getBaselineMedianUsd()).isEqualTo(10.0);

        hour(pipeline, "carol", "solo", at(FRIDAY, 12), 1, 1);

        SpikeState listed = states.get(carol);
        assertThat(listed.getUsd()).as("the ring, once listed").isEmpty();
        assertThat(listed.getHours()).extracting(SlotUsd::getSlot, SlotUsd::getUsd).containsExactly(
                tuple(friday11 - 96, 10d), tuple(friday11 - 72, 9d), tuple(friday11 - 48, 11d),
                tuple(friday11 - 24, 10d), tuple(friday11, 100d));
    }
}
