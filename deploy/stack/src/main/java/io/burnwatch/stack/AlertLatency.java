package io.burnwatch.stack;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The time from when an alert's condition holds to when the alert can be read from its topic. An alert's
 * {@code ts} is the event time at which its condition held (the call that crossed a threshold or confirmed a
 * burn); events sent in real time are stamped with the wall clock when sent, so the alert's latency is the wall
 * clock when a read_committed consumer receives it minus its {@code ts}. Only OPEN alerts stamped after
 * {@link #start} count: their conditions held while the input ran in real time.
 */
final class AlertLatency implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);

    /** Latency percentiles in milliseconds over {@code alerts} OPEN alerts, and how many were of each kind. */
    record Percentiles(int alerts, Map<String, Integer> kinds, long p50Ms, long p95Ms, long p99Ms, long maxMs) {
    }

    private final KafkaConsumer<String, Alert> consumer;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> kinds = Collections.synchronizedMap(new TreeMap<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<CountDownLatch> catchUp = new AtomicReference<>();
    private final Thread reader;
    private volatile long startMs;

    /** Subscribes at the topic's end, so that only alerts written from now on are read. */
    AlertLatency(String bootstrapServers, String registryUrl, String topic) {
        SpecificAvroDeserializer<Alert> alerts = new SpecificAvroDeserializer<>(Alert.class);
        alerts.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"), new StringDeserializer(), alerts);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        startMs = Long.MAX_VALUE;
        reader = new Thread(this::read, "burnwatch-bench-alert-latency");
        reader.setDaemon(true);
        reader.start();
    }

    /** Alerts whose condition held from now on count. */
    void start() {
        startMs = System.currentTimeMillis();
    }

    int alerts() {
        return latencies.size();
    }

    /** Waits until the reader has read every alert committed so far. */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        CountDownLatch caughtUp = new CountDownLatch(1);
        catchUp.set(caughtUp);
        if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StackFailure("The alert reader did not reach the end of the alerts in " + timeout.toSeconds() + " s");
        }
    }

    private void read() {
        try {
            while (running.get()) {
                CountDownLatch waiting = catchUp.getAndSet(null);
                Map<TopicPartition, Long> ends = waiting == null ? null : consumer.endOffsets(consumer.assignment());
                for (ConsumerRecord<String, Alert> record : consumer.poll(POLL)) {
                    long received = System.currentTimeMillis();
                    Alert alert = record.value();
                    long heldAt = alert.getTs().toEpochMilli();
                    if (alert.getStatus() == AlertStatus.OPEN && heldAt >= startMs) {
                        latencies.add(received - heldAt);
                        kinds.merge(alert.getKind().name(), 1, Integer::sum);
                    }
                }
                if (waiting != null) {
                    if (ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                        waiting.countDown();
                    } else {
                        catchUp.compareAndSet(null, waiting);
                    }
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    Percentiles percentiles() {
        List<Long> sorted;
        synchronized (latencies) {
            sorted = latencies.stream().sorted().toList();
        }
        synchronized (kinds) {
            return new Percentiles(sorted.size(), new TreeMap<>(kinds), at(sorted, 0.50), at(sorted, 0.95),
                    at(sorted, 0.99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        }
    }

    /** The nearest-rank percentile; -1 with no sample. */
    static long at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(Duration.ofSeconds(10).toMillis());
    }
}
