package io.burnwatch.streams.guard.spike;

import static io.burnwatch.streams.guard.Spends.at;
import static io.burnwatch.streams.guard.Spends.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.testing.PipelineDriver;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the spike detector writes per call: its scopes' 2.8 KB hour rings change once an hour, so they are written
 * when an hour closes; a call only changes the current hour, a record of a few hundred bytes.
 */
@DisplayName("Spike state written per call")
class SpikeStateWritesTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-02-02");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("30 calls in one hour write each scope's ring once; the next hour writes it once more")
    void ringsAreWrittenPerHourNotPerCall() {
        hour(pipeline, "olivia", "search", at(MONDAY, 9), 3.0, 30);

        List<TestRecord<byte[], byte[]>> rings = changelog(SpikeStores.STATE);
        List<TestRecord<byte[], byte[]>> hours = changelog(SpikeStores.CURRENT_HOUR);
        assertThat(rings).as("user:olivia and team:search, when first seen").hasSize(2);
        assertThat(rings).allSatisfy(ring -> assertThat(ring.value().length).isGreaterThan(2_600));
        assertThat(hours).as("each call, for both scopes").hasSize(60);
        assertThat(hours).allSatisfy(current -> assertThat(current.value().length).isLessThan(300));

        hour(pipeline, "olivia", "search", at(MONDAY, 10), 3.0, 30);

        assertThat(changelog(SpikeStores.STATE)).as("9:00 closed into each ring").hasSize(2);
        assertThat(changelog(SpikeStores.CURRENT_HOUR)).hasSize(60);
    }

    private List<TestRecord<byte[], byte[]>> changelog(String store) {
        return pipeline.driver.createOutputTopic(pipeline.config.applicationId() + "-" + store + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }
}
