package io.burnwatch.sim.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.sim.publish.RecordSink;
import io.burnwatch.sim.publish.TopicCreation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Writes the budgets given to the simulator, keyed by scope, to the streams app's budgets topic; creates it as the
 * app would (one partition, compacted) if the app has not yet.
 */
public final class BudgetsTopic {

    private BudgetsTopic() {
    }

    public static void write(Properties producerConfig, RecordSink sink, String topic, List<Budget> budgets)
            throws InterruptedException {
        TopicCreation.ensure(producerConfig, new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        for (Budget budget : budgets) {
            sink.send(new ProducerRecord<>(topic, budget.getScope(), sink.avro(topic, budget)));
        }
    }
}
