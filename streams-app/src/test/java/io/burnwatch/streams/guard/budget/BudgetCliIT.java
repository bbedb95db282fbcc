package io.burnwatch.streams.guard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.local.KafkaBroker;
import io.burnwatch.local.registry.SchemaRegistryServer;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.topics.BurnwatchTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget command on a real broker: it says what it did, and does nothing it cannot say. */
@DisplayName("Budget command on a real broker")
class BudgetCliIT {

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static BurnwatchConfig config;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("broker"), 0);
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), "127.0.0.1", 0);
        config = BurnwatchConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "schema.registry.url", registry.url(), "burnwatch.topic.partitions", "1"));
        try (Admin admin = Admin.create(config.adminConfig())) {
            new BurnwatchTopics(config).ensure(admin);
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    @DisplayName("delete of a scope with no budget says so, exits 3 and writes nothing; of one with a budget, removes it")
    void deleteSaysWhatHappened() throws Exception {
        Result missing = budget("delete", "team:nobody");

        assertThat(missing.exit).isEqualTo(BudgetCli.NO_SUCH_BUDGET);
        assertThat(missing.err).isEqualTo("No budget of team:nobody to remove: nothing written (list shows the budgets in force)");
        assertThat(missing.out).isEmpty();
        assertThat(budgetRecords()).as("records on the budgets topic").isZero();

        assertThat(budget("set", "team:payments", "--usd", "0.01", "--period", "day").out)
                .isEqualTo("Set team:payments: $0.01 a day, alerts at 50, 80, 100%, early warning");
        Result removed = budget("delete", "team:payments");
        assertThat(removed.exit).isZero();
        assertThat(removed.out).isEqualTo("Removed the budget of team:payments");
        assertThat(budgetRecords()).isEqualTo(2);

        Result again = budget("delete", "team:payments");
        assertThat(again.exit).isEqualTo(BudgetCli.NO_SUCH_BUDGET);
        assertThat(again.err).startsWith("No budget of team:payments to remove");
        assertThat(budgetRecords()).isEqualTo(2);
        assertThat(budget("list").out).isEqualTo("No budgets");
    }

    @Test
    @DisplayName("an unreachable broker stops the command with one line once burnwatch.startup.timeout has passed")
    void unreachableBroker() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BudgetCli.run(new String[] {"--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", registry.url(),
                "-D", "burnwatch.startup.timeout=2s", "list"}, Map.of(), Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(exit).isEqualTo(BudgetCli.FAILURE);
        assertThat(err.toString()).hasLineCount(1)
                .startsWith("Cannot reach Kafka at 127.0.0.1:1: no broker answered within 2s");
    }

    private static long budgetRecords() throws Exception {
        TopicPartition partition = new TopicPartition(config.budgetsTopic(), 0);
        try (Admin admin = Admin.create(config.adminConfig())) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result budget(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url()));
        all.addAll(List.of(args));
        int exit = BudgetCli.run(all.toArray(String[]::new), Map.of(), Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exit, out.toString().strip(), err.toString().strip());
    }
}
