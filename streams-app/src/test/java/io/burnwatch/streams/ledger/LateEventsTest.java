package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.ledger.LedgerWindowsTest.header;
import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Late events")
class LateEventsTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant CLOSE = MINUTE.plusSeconds(90);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("a call after its minute closed goes to the late topic, byte for byte, keyed by user, once per dimension")
    void lateCall() {
        UsageEvent late = call("alice", "s-1", MINUTE.plusSeconds(30)).setTeamId("payments").setInputTokens(42).build();
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).build());
        pipeline.pipe(call("bob", "s-2", CLOSE).build());
        pipeline.pipe(late);

        List<TestRecord<String, byte[]>> records = pipeline.late.readRecordsToList();

        assertThat(records).hasSize(3);
        byte[] asProduced = pipeline.serdes.usage().serializer().serialize(pipeline.config.usageTopic(), late);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo("alice");
            assertThat(record.value()).as("same schema id and Avro body as the input").isEqualTo(asProduced);
            assertThat(pipeline.lateUsage(record)).isEqualTo(late);
            assertThat(record.timestamp()).isEqualTo(late.getTs().toEpochMilli());
            assertThat(header(record, LateHeaders.WINDOW_SIZE)).isEqualTo("1m");
            assertThat(header(record, LateHeaders.WINDOW_START)).isEqualTo("2026-03-02T10:00:00Z");
            assertThat(header(record, LateHeaders.STREAM_TIME)).isEqualTo("2026-03-02T10:01:30Z");
        });
        assertThat(records).extracting(record -> header(record, LateHeaders.DIMENSION))
                .containsExactlyInAnyOrder("USER", "TEAM", "MODEL");
    }

    @Test
    @DisplayName("a late outcome goes to the late topic for the user and team dimensions")
    void lateOutcome() {
        OutcomeEvent late = commit("alice", MINUTE.plusSeconds(30));
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).build());
        pipeline.pipe(call("bob", "s-2", CLOSE).build());
        pipeline.pipe(late);

        List<TestRecord<String, byte[]>> records = pipeline.late.readRecordsToList();

        assertThat(records).extracting(record -> header(record, LateHeaders.DIMENSION)).containsExactlyInAnyOrder("USER", "TEAM");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo("alice");
            assertThat(pipeline.lateOutcome(record)).isEqualTo(late);
        });
    }
}
