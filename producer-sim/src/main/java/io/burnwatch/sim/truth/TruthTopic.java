package io.burnwatch.sim.truth;

import io.burnwatch.sim.publish.TopicCreation;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The ground-truth topic belongs to the simulator, not to the streams app: it is created here, with the broker's
 * default partitions and replication, unless it exists.
 */
public final class TruthTopic {

    private TruthTopic() {
    }

    /** @throws IllegalStateException saying why the topic could not be created */
    public static void ensure(Properties producerConfig, String topic) throws InterruptedException {
        TopicCreation.ensure(producerConfig, new NewTopic(topic, Optional.empty(), Optional.empty()));
    }
}
