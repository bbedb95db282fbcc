package io.burnwatch.streams;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.config.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The first word with Kafka, bounded: a broker of {@code bootstrap.servers} must answer within
 * {@code burnwatch.startup.timeout}. Kafka's clients otherwise retry an unreachable address forever, logging a
 * warning at each attempt.
 */
public final class BrokerCheck {

    // Few attempts while waiting, so that an unreachable broker costs a few warnings, not one every 50 ms.
    private static final int RECONNECT_BACKOFF_MS = 1_000;
    private static final int RECONNECT_BACKOFF_MAX_MS = 10_000;

    private BrokerCheck() {
    }

    /**
     * Returns once a broker answers.
     *
     * @throws IllegalStateException on one line, naming the address, the wait and the fix, if none answers in time
     *                               or the answer is a refusal (e.g. bad credentials)
     */
    public static void awaitBroker(BurnwatchConfig config) {
        Duration timeout = config.startupTimeout();
        Map<String, Object> settings = new HashMap<>(config.adminConfig());
        settings.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, RECONNECT_BACKOFF_MS);
        settings.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS);
        String fix = ": check bootstrap.servers (--bootstrap-servers) and that a broker is up there, or wait longer"
                + " with " + BurnwatchSettings.STARTUP_TIMEOUT;
        String where = "Cannot reach Kafka at " + config.bootstrapServers();
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .clusterId().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw timedOut(where, timeout, fix);
            }
            throw new IllegalStateException(where + " (" + e.getCause().getMessage() + ")" + fix, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw timedOut(where, timeout, fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(where + ": interrupted while waiting", e);
        } catch (KafkaException e) {
            // Admin.create: e.g. no address of bootstrap.servers resolves.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(where + " (" + cause.getMessage() + ")" + fix, e);
        }
    }

    private static IllegalStateException timedOut(String where, Duration timeout, String fix) {
        return new IllegalStateException(where + ": no broker answered within " + Durations.format(timeout) + fix);
    }
}
