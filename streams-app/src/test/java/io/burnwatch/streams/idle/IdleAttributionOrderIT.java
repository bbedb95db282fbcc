package io.burnwatch.streams.idle;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.serde.SpecificAvroDeserializer;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.testing.KafkaProducers;
import io.burnwatch.streams.testing.TopicReader;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage and outcomes come from two topics; an app catching up on a backlog must still see a user's commits in
 * event-time order with their calls, or a productive user's burn looks like an idle loop.
 */
@DisplayName("IDLE_LOOP attribution while catching up on a backlog")
class IdleAttributionOrderIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @DisplayName("three hours of a productive user's calls and commits, all produced before the app starts: no alert;"
            + " a looping user in the same backlog is still flagged")
    void backlogKeepsEventTimeOrderAcrossTopics() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(8));
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
             KafkaProducer<String, SpecificRecord> producer =
                     KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url());
             TopicReader<String, Alert> alerts = new TopicReader<>(broker.bootstrapServers(), "burnwatch.alerts",
                     new StringDeserializer(),
                     new SpecificAvroDeserializer<>(Alert.class, SchemaRegistries.forUrl(registry.url(), null)))) {
            BurnwatchConfig config = BurnwatchConfig.of(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "schema.registry.url", registry.url(),
                    "state.dir", dir.resolve("state").toString(),
                    "burnwatch.http.port", "0",
                    "burnwatch.topic.partitions", "1",
                    "burnwatch.idle.outcome.delay", "2s"));
            try (Admin admin = Admin.create(config.adminConfig())) {
                new BurnwatchTopics(config).ensure(admin);
            }
            // Both users' agents burn about $60 an hour for three hours: lou's like clockwork, a call every second on
            // the same context; hana's at irregular gaps on a changing one, and she commits every 20 minutes.
            SplittableRandom random = new SplittableRandom(3);
            int hanaNext = 0;
            for (int second = 0; second < 3 * 3600; second++) {
                Instant ts = t0.plusSeconds(second);
                send(producer, "burnwatch.usage", "lou", ts, call("lou", "s-lou", ts).setRepo("acme/api")
                        .setInputTokens(2_000).setOutputTokens(200).setCacheReadTokens(20_000).setCostUsd(1.0 / 60)
                        .build());
                if (second == hanaNext) {
                    int gap = random.nextInt(1, 5);
                    send(producer, "burnwatch.usage", "hana", ts, call("hana", "s-hana", ts).setRepo("acme/api")
                            .setInputTokens(random.nextLong(1_000, 6_000)).setOutputTokens(random.nextLong(100, 900))
                            .setCacheReadTokens(random.nextLong(5_000, 60_000)).setCostUsd(gap / 60.0).build());
                    hanaNext += gap;
                }
                if (second % 1200 == 0) {
                    OutcomeEvent commit = OutcomeEvent.newBuilder(commit("hana", ts)).setRepo("acme/api").build();
                    send(producer, "burnwatch.outcomes", "hana", ts, commit);
                }
                if (second == 0) {
                    // The first records wait for their partitions' leaders, which new topics may not have yet: a
                    // batch refused by a broker that does not lead yet would stall the idempotent producer's others.
                    producer.flush();
                }
            }
            producer.flush();

            try (BurnwatchService app = BurnwatchService.start(config)) {
                Await.until(WAIT, "the app to be RUNNING", () -> app.state() == KafkaStreams.State.RUNNING);
                // lou's episode is updated every 15 minutes to the end of the backlog.
                Instant nearTheEnd = t0.plus(Duration.ofMinutes(165));
                List<ConsumerRecord<String, Alert>> read = alerts.readUntil(WAIT, "lou's alert near the backlog's end",
                        records -> records.stream().anyMatch(r -> r.value().getUserId().equals("lou")
                                && !r.value().getTs().isBefore(nearTheEnd)));

                assertThat(read).extracting(r -> r.value().getUserId()).containsOnly("lou");
            }
        }
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String user, Instant ts,
                             SpecificRecord event) {
        producer.send(new ProducerRecord<>(topic, null, ts.toEpochMilli(), user, event));
    }
}
