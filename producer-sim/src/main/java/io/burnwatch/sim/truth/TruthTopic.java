package io.burnwatch.sim.truth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The ground-truth topic belongs to the simulator, not to the streams app: it is created here, with the broker's
 * default partitions and replication, unless it exists.
 */
public final class TruthTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private TruthTopic() {
    }

    /** @throws IllegalStateException saying why the topic could not be created */
    public static void ensure(Properties producerConfig, String topic) throws InterruptedException {
        Map<String, Object> config = producerConfig.entrySet().stream()
                .filter(e -> AdminClientConfig.configNames().contains((String) e.getKey()))
                .collect(Collectors.toMap(e -> (String) e.getKey(), Map.Entry::getValue));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the cluster within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
