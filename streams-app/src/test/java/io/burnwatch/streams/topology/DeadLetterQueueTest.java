package io.burnwatch.streams.topology;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Unreadable input")
class DeadLetterQueueTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    @DisplayName("goes to the dead letter queue with its original bytes and the error, and processing continues")
    void garbageGoesToTheDeadLetterQueue() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        // TopologyTestDriver 4.3 does not capture dead letter records under exactly_once_v2;
        // BurnwatchPipelineIT covers the dead letter queue with exactly-once on a real broker.
        try (PipelineDriver pipeline = PipelineDriver.start(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))) {
            pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setInputTokens(3).build());
            pipeline.rawUsage.pipeInput("alice", garbage, MINUTE.plusSeconds(2));
            pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(3)).setInputTokens(4).build());
            pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(90)).build());

            TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
            assertThat(dead.headers().toArray()).extracting(Header::key)
                    .contains("__streams.errors.exception", "__streams.errors.topic");
            assertThat(pipeline.dlq.isEmpty()).isTrue();

            assertThat(pipeline.rollups.readValue().getInputTokens())
                    .as("the calls around the bad record still count").isEqualTo(7);
        }
    }
}
