package io.burnwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = KafkaBroker.start(dataDir, 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("a consumer reads back, in order, what a producer wrote to a topic")
    void consumerReadsWhatProducerWrote() throws Exception {
        TestTopics.create(broker.bootstrapServers(), "usage-plain");

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>("usage-plain", "user-" + i, "tokens=" + i * 100)).get();
            }
        }

        assertThat(read("usage-plain", "read_uncommitted"))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(
                        tuple("user-1", "tokens=100"),
                        tuple("user-2", "tokens=200"),
                        tuple("user-3", "tokens=300"));
    }

    @Test
    @DisplayName("a read_committed consumer sees a committed transaction's records and none of an aborted one")
    void readCommittedSeesOnlyCommittedTransactions() throws Exception {
        TestTopics.create(broker.bootstrapServers(), "usage-transactional");

        try (KafkaProducer<String, String> producer = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-it-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("usage-transactional", "user-1", "committed-1"));
            producer.send(new ProducerRecord<>("usage-transactional", "user-1", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("usage-transactional", "user-1", "aborted")).get();
            producer.abortTransaction();
        }

        assertThat(read("usage-transactional", "read_committed"))
                .extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2");
        assertThat(read("usage-transactional", "read_uncommitted"))
                .extracting(ConsumerRecord::value)
                .contains("aborted");
    }

    @Test
    @DisplayName("a restart on the same data dir keeps topics and records, and the client port if still free")
    void restartKeepsData() throws Exception {
        TestTopics.create(broker.bootstrapServers(), "usage-durable");
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("usage-durable", "user-9", "before-restart")).get();
        }
        int port = broker.port();

        broker.close();
        assertThat(FreePort.isFree("127.0.0.1", port)).as("port free once the broker stopped").isTrue();
        broker = KafkaBroker.start(dataDir, 0);

        assertThat(broker.port()).isEqualTo(port);
        assertThat(TestTopics.list(broker.bootstrapServers())).contains("usage-durable");
        assertThat(read("usage-durable", "read_uncommitted"))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("user-9", "before-restart"));
    }

    @Test
    @DisplayName("starting a second broker on a port in use fails at once, naming the port")
    void portInUseIsReported(@TempDir Path otherDir) {
        assertThatThrownBy(() -> KafkaBroker.start(otherDir, broker.port()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("port " + broker.port())
                .hasMessageContaining("already in use");
    }

    @Test
    @DisplayName("a broker that exits while starting fails start() with the reason Kafka logged")
    void startFailureQuotesKafkasReason(@TempDir Path brokenDir) throws IOException {
        // Storage formatted for another node: Kafka refuses it at once.
        new BrokerSettings("AAAAAAAAAAAAAAAAAAAAAA", FreePort.pick(), FreePort.pick()).save(brokenDir);
        Files.createDirectories(brokenDir.resolve("kafka-logs"));
        Files.writeString(brokenDir.resolve("kafka-logs/meta.properties"),
                "version=1\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\nnode.id=2\n");

        assertThatThrownBy(() -> KafkaBroker.start(brokenDir, 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("node id 2");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> read(String topic, String isolation) {
        return TestTopics.readToEnd(broker.bootstrapServers(), topic, isolation,
                new StringDeserializer(), new StringDeserializer());
    }
}
