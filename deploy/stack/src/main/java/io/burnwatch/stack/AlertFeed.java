package io.burnwatch.stack;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroDeserializer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the app's output topics from the beginning, committed records only: prints one line per alert state,
 * keeps each alert's latest state to count the open ones, and counts rollups.
 */
final class AlertFeed implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String alertsTopic;
    private final String rollupsTopic;
    private final PrintWriter console;
    private final StringDeserializer keys = new StringDeserializer();
    private final SpecificAvroDeserializer<Alert> alerts = new SpecificAvroDeserializer<>(Alert.class);
    private final Map<String, AlertStatus> latest = new HashMap<>();
    private long rollups;
    private boolean assigned;

    AlertFeed(String bootstrapServers, String schemaRegistryUrl, String alertsTopic, String rollupsTopic,
              PrintWriter console) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "burnwatch-stack-alerts"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.alerts.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), false);
        this.alertsTopic = alertsTopic;
        this.rollupsTopic = rollupsTopic;
        this.console = console;
    }

    /** Prints the alert states that arrived within {@code timeout}. */
    void poll(Duration timeout) throws InterruptedException {
        if (!assigned && !assign()) {
            Thread.sleep(timeout.toMillis());
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.topic().equals(rollupsTopic)) {
                rollups++;
            } else {
                onAlert(record);
            }
        }
    }

    int openAlerts() {
        return (int) latest.values().stream().filter(status -> status != AlertStatus.RESOLVED).count();
    }

    long rollups() {
        return rollups;
    }

    private void onAlert(ConsumerRecord<byte[], byte[]> record) {
        String alertId = keys.deserialize(record.topic(), record.key());
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            console.printf("ALERT ?        unreadable record at %s-%d@%d: %s%n", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            console.flush();
            return;
        }
        if (alert == null) {
            latest.remove(alertId);
            return;
        }
        latest.put(alertId, alert.getStatus());
        console.println(line(alert));
        console.flush();
    }

    static String line(Alert alert) {
        String session = alert.getSessionId() == null ? "-" : alert.getSessionId();
        return String.format("ALERT %-8s %s/%s  %s", alert.getStatus(), alert.getUserId(), session,
                alert.getMessage());
    }

    /** Assigns every partition of both topics, once the app has created them. */
    private boolean assign() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(alertsTopic, rollupsTopic)) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = true;
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
