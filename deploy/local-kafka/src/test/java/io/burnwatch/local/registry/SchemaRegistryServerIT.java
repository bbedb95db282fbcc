package io.burnwatch.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.local.KafkaBroker;
import io.burnwatch.registry.RestSchemaRegistryClient;
import io.burnwatch.registry.SchemaRegistryException;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryServerIT {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void start() throws IOException {
        broker = KafkaBroker.start(dataDir, 0);
        server = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("burnwatch's REST client registers, looks up and fetches by id; registering again is idempotent")
    void registerLookUpAndFetch() {
        Schema usage = UsageEvent.getClassSchema();
        int id = client().register("burnwatch.usage-value", usage);

        assertThat(client().register("burnwatch.usage-value", usage)).isEqualTo(id);
        assertThat(client().idOf("burnwatch.usage-value", usage)).isEqualTo(id);
        assertThat(client().byId(id)).isEqualTo(usage);
        assertThat(client().register("burnwatch.usage-copy-value", usage))
                .as("same schema, other subject").isEqualTo(id);
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    @DisplayName("an incompatible change is refused with HTTP 409")
    void incompatibleChangeIsRefused() {
        Schema v1 = parse("""
                {"type":"record","name":"Budget","namespace":"test","fields":[{"name":"user_id","type":"string"}]}""");
        Schema v2 = parse("""
                {"type":"record","name":"Budget","namespace":"test","fields":[
                  {"name":"user_id","type":"string"},{"name":"limit_tokens","type":"long"}]}""");
        client().register("budget-value", v1);

        assertThatThrownBy(() -> client().register("budget-value", v2))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
    }

    @Test
    @DisplayName("a restarted server on the same broker gives the same ids and finds schemas by id")
    void idsSurviveARestart() throws Exception {
        int usageId = client().register("restart-usage-value", UsageEvent.getClassSchema());
        int outcomeId = client().register("restart-outcome-value", OutcomeEvent.getClassSchema());
        assertThat(outcomeId).isNotEqualTo(usageId);

        server.close();
        server = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);

        assertThat(client().byId(outcomeId)).isEqualTo(OutcomeEvent.getClassSchema());
        assertThat(client().idOf("restart-usage-value", UsageEvent.getClassSchema())).isEqualTo(usageId);
        assertThat(client().register("restart-outcome-value", OutcomeEvent.getClassSchema())).isEqualTo(outcomeId);
        int next = client().register("restart-fresh-value", parse("""
                {"type":"record","name":"Fresh","namespace":"test","fields":[]}"""));
        assertThat(next).as("new ids continue after the replayed ones").isGreaterThan(Math.max(usageId, outcomeId));
    }

    @Test
    @DisplayName("an unreadable record in _schemas is skipped on start, and the schemas around it are still served")
    void unreadableRecordIsSkipped() throws Exception {
        Schema before = parse("""
                {"type":"record","name":"Before","namespace":"test","fields":[]}""");
        Schema after = parse("""
                {"type":"record","name":"After","namespace":"test","fields":[]}""");
        int beforeId = client().register("skip-before-value", before);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("_schemas", "not json".getBytes(StandardCharsets.UTF_8),
                    "{".getBytes(StandardCharsets.UTF_8))).get();
        }
        int afterId = client().register("skip-after-value", after);

        server.close();
        server = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);

        assertThat(client().byId(beforeId)).isEqualTo(before);
        assertThat(client().byId(afterId)).isEqualTo(after);
    }

    @Test
    @DisplayName("schemas are kept in the compacted topic _schemas")
    void schemasTopicIsCompacted() throws Exception {
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    @Test
    @DisplayName("a second server on a port in use fails with a message naming the port")
    void portInUse() {
        assertThatThrownBy(() -> SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", server.port()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Port " + server.port() + " on 127.0.0.1 is already in use");
    }

    private static RestSchemaRegistryClient client() {
        // A fresh client per call, so that answers come from the server and not the client's cache.
        return new RestSchemaRegistryClient(server.url(), null);
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
