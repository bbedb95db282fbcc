package io.burnwatch.sim.receiver;

import io.burnwatch.sim.persona.User;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Maps the cast's emails and GitHub logins back to their user ids in burnwatch's identity map, as a company does
 * with the identity command: on the identities topic (default {@value #DEFAULT_TOPIC}), key
 * {@code email:<email>} or {@code github:<login>}, value the user id, both plain strings. Without them burnwatch
 * would count a user's usage and commits under the email, and its pull requests under {@code github:<login>}.
 */
public final class IdentityEntries {

    public static final String DEFAULT_TOPIC = "burnwatch.identities";

    private IdentityEntries() {
    }

    /** Writes the entries of {@code users} and waits until the broker has them all. */
    public static void write(Properties producerConfig, String topic, List<User> users) throws InterruptedException {
        Properties config = new Properties();
        config.putAll(producerConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            var sent = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (User user : users) {
                sent.add(producer.send(new ProducerRecord<>(topic, SimIdentities.emailKey(user.userId()), user.userId())));
                sent.add(producer.send(new ProducerRecord<>(topic, SimIdentities.githubKey(user.userId()), user.userId())));
            }
            for (var future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + topic + ": " + e.getCause().getMessage(), e);
        }
    }
}
