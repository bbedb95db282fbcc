package io.burnwatch.sim.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates a topic the simulator writes to unless it exists, with the producer's cluster settings. */
public final class TopicCreation {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private TopicCreation() {
    }

    /** @throws IllegalStateException saying why the topic could not be created */
    public static void ensure(Properties producerConfig, NewTopic topic) throws InterruptedException {
        Map<String, Object> config = producerConfig.entrySet().stream()
                .filter(e -> AdminClientConfig.configNames().contains((String) e.getKey()))
                .collect(Collectors.toMap(e -> (String) e.getKey(), Map.Entry::getValue));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the cluster within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
