package io.burnwatch.streams.idle;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.Await;
import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
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

/** An open IDLE_LOOP episode survives the app's restart on a real broker: updated, never opened twice. */
@DisplayName("IDLE_LOOP alerts across a restart")
class IdleAlertRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration EVERY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    @DisplayName("after a restart that rebuilds its state from the changelog, the app UPDATEs the open alert and"
            + " never sends a second OPEN")
    void episodeSurvivesRestart() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
             KafkaProducer<String, SpecificRecord> producer =
                     KafkaProducers.avroProducer(broker.bootstrapServers(), registry.url());
             TopicReader<String, Alert> alerts = new TopicReader<>(broker.bootstrapServers(), "burnwatch.alerts",
                     new StringDeserializer(),
                     new SpecificAvroDeserializer<>(Alert.class, SchemaRegistries.forUrl(registry.url(), null)))) {
            BurnwatchConfig first = config(broker, registry, "state-first");
            try (Admin admin = Admin.create(first.adminConfig())) {
                new BurnwatchTopics(first).ensure(admin);
            }

            // 10 cents every 10 s: $1.95 crossed at the 20th call, confirmed and OPEN at the 26th (250 s).
            try (BurnwatchService app = started(first)) {
                loop(producer, t0, 0, 30);
                List<ConsumerRecord<String, Alert>> opened = alerts.readUntil(WAIT, "the OPEN alert", read -> !read.isEmpty());
                assertThat(opened).extracting(r -> r.value().getStatus()).containsExactly(AlertStatus.OPEN);
            }

            // A new state directory: the second run has only the changelog to go by.
            try (BurnwatchService app = started(config(broker, registry, "state-second"))) {
                loop(producer, t0, 30, 120);
                List<ConsumerRecord<String, Alert>> states = alerts.readUntil(WAIT, "an UPDATE after the restart",
                        read -> read.stream().anyMatch(r -> r.value().getStatus() == AlertStatus.UPDATE));

                assertThat(states).extracting(r -> r.value().getStatus())
                        .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE);
                assertThat(states).extracting(ConsumerRecord::key).containsOnly(states.get(0).value().getAlertId());
                Alert update = states.get(1).value();
                assertThat(update.getTs()).isEqualTo(t0.plusSeconds(250 + 900));
                assertThat(update.getEpisodeCalls()).as("the episode counts every call since it began, across the restart")
                        .isEqualTo((250 + 900) / 10 + 1);
            }
        }
    }

    private BurnwatchConfig config(KafkaBroker broker, SchemaRegistryServer registry, String stateDir) {
        return BurnwatchConfig.of(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "state.dir", dir.resolve(stateDir).toString(),
                "burnwatch.http.port", "0",
                "burnwatch.topic.partitions", "2",
                // As IdleAlertLifecycleTest: the 20th call crosses $1.95, past a one-minute patience.
                "burnwatch.idle.min.cost.usd", "1.95",
                "burnwatch.idle.patience", "1m",
                "burnwatch.idle.outcome.delay", "2s"));
    }

    private static BurnwatchService started(BurnwatchConfig config) {
        BurnwatchService app = BurnwatchService.start(config);
        Await.until(WAIT, "the app to be RUNNING", () -> app.state() == KafkaStreams.State.RUNNING);
        return app;
    }

    private static void loop(KafkaProducer<String, SpecificRecord> producer, Instant t0, int from, int to) {
        for (int i = from; i < to; i++) {
            UsageEvent call = call("alice", "s-17", t0.plus(EVERY.multipliedBy(i)))
                    .setInputTokens(20_000).setOutputTokens(5_000).setCacheReadTokens(75_000).setCostUsd(0.1).build();
            producer.send(new ProducerRecord<>("burnwatch.usage", null, call.getTs().toEpochMilli(), "alice", call));
        }
        producer.flush();
    }

}
