package io.burnwatch.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON call accepted but too large to forward as Avro: only a real producer refuses it (RecordTooLargeException),
 * under exactly-once as burnwatch runs. The field limit is raised so that the call gets that far.
 */
@DisplayName("a record too large to forward, on a real broker")
class OversizedRecordIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CALL = """
            {"event_id": "%s", "ts": %d, "user_id": "%s", "session_id": "s-1", "initiator": "HUMAN",
             "model": "gpt-5", "input_tokens": 1, "output_tokens": 1, "cache_read_tokens": 0, "cache_write_tokens": 0}""";

    @TempDir
    Path dir;

    @Test
    @DisplayName("is dead-lettered as TOO_LARGE_TO_FORWARD, cut to fit if need be, and the next call goes through")
    void tooLargeToForward() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0)) {
            BurnwatchConfig config = BurnwatchConfig.of(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "schema.registry.url", registry.url(),
                    "state.dir", dir.resolve("state").toString(),
                    "burnwatch.http.port", "0",
                    "burnwatch.topic.partitions", "1",
                    "burnwatch.validation.max.field.bytes", Integer.toString(2 << 20)));
            try (Admin admin = Admin.create(config.adminConfig())) {
                new BurnwatchTopics(config).ensure(admin);
            }
            long now = Instant.now().toEpochMilli();
            // 600 KB of user id, as key and in the value, is 1.2 MB of Avro: more than max.request.size (1 MB).
            String sixHundredKb = CALL.formatted("e-1", now, "u".repeat(600_000));
            // As large as a JSON record can be and still reach burnwatch: its dead letter, with headers, cannot fit whole.
            String shell = CALL.formatted("e-2", now, "");
            String largest = CALL.formatted("e-2", now, "v".repeat(1_048_000 - shell.length()));
            String next = CALL.formatted("e-3", now, "carol");

            try (BurnwatchService service = BurnwatchService.start(config);
                 KafkaProducer<String, String> json = KafkaProducers.stringProducer(broker.bootstrapServers());
                 TopicReader<byte[], byte[]> dlq = new TopicReader<>(broker.bootstrapServers(), config.dlqTopic(),
                         new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 TopicReader<String, byte[]> usage = new TopicReader<>(broker.bootstrapServers(), config.usageTopic(),
                         new StringDeserializer(), new ByteArrayDeserializer())) {
                json.send(new ProducerRecord<>(config.usageJsonTopic(), "k-1", sixHundredKb)).get();
                json.send(new ProducerRecord<>(config.usageJsonTopic(), "k-2", largest)).get();
                json.send(new ProducerRecord<>(config.usageJsonTopic(), "k-3", next)).get();

                List<ConsumerRecord<byte[], byte[]>> dead = dlq.readUntil(WAIT, "two dead letters", read -> read.size() >= 2);
                assertThat(dead).hasSize(2).allSatisfy(letter -> {
                    assertThat(header(letter, "burnwatch.dlq.reason")).isEqualTo("TOO_LARGE_TO_FORWARD");
                    assertThat(header(letter, "__streams.errors.topic")).isEqualTo(config.usageJsonTopic());
                });
                assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(sixHundredKb);
                assertThat(dead.get(0).headers().lastHeader("burnwatch.dlq.truncated")).isNull();
                byte[] cut = dead.get(1).value();
                assertThat(header(dead.get(1), "burnwatch.dlq.truncated")).isEqualTo("key=3,value=" + largest.length());
                assertThat(cut.length).isLessThan(largest.length()).isGreaterThan(1_000_000);
                assertThat(largest).startsWith(new String(cut, StandardCharsets.UTF_8));

                List<ConsumerRecord<String, byte[]>> forwarded = usage.readUntil(WAIT, "carol's call", read -> !read.isEmpty());
                assertThat(forwarded).extracting(ConsumerRecord::key).containsExactly("carol");
                // Still running: a rebalance may be under way (e.g. a probing one after the first assignment).
                Await.until(WAIT, "the app to be RUNNING", () -> service.state() == KafkaStreams.State.RUNNING);
                assertThat(service.status().deadLetters()).containsEntry("TOO_LARGE_TO_FORWARD", 2L);
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
