package io.burnwatch.stack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

/**
 * How long the stopped streams app takes to be back: from launching its JVM until its readiness endpoint answers
 * (Kafka Streams RUNNING, which it reaches once its stores are restored), first on the state directory its clean
 * shutdown left, then with that directory deleted, as a pod rescheduled without its volume starts.
 *
 * @param localSeconds on its state directory, whose checkpoints leave only the in-memory stores to restore
 * @param restoreSeconds with no state directory: every store restored from its changelog topic
 * @param changelogBytes the bytes of the app's changelog topics on the broker, which that restore read
 */
record RestartTime(double localSeconds, double restoreSeconds, long changelogBytes) {

    private static final long ADMIN_SECONDS = 30;

    /**
     * Starts the stopped app on its state and stops it, then deletes its state and starts it again, leaving it
     * running.
     *
     * @return empty if the run was asked to stop first
     */
    static Optional<RestartTime> measure(StackServices services, String applicationId, List<String> jvmOptions,
                                         Map<String, String> settings) throws Exception {
        OptionalDouble local = secondsToReady(services, jvmOptions, settings);
        if (local.isEmpty()) {
            return Optional.empty();
        }
        services.stopApp();
        DataDir.delete(services.stateDir());
        long changelogBytes = changelogBytes(services.admin(), applicationId);
        OptionalDouble restore = secondsToReady(services, jvmOptions, settings);
        if (restore.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RestartTime(local.getAsDouble(), restore.getAsDouble(), changelogBytes));
    }

    /** The JVM's start included: a restarted pod pays it too. */
    private static OptionalDouble secondsToReady(StackServices services, List<String> jvmOptions,
                                                 Map<String, String> settings) throws Exception {
        long began = System.nanoTime();
        if (!services.startApp(jvmOptions, settings)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((System.nanoTime() - began) / 1e9);
    }

    /** Sums the sizes of the changelog partitions in every log directory of every broker. */
    private static long changelogBytes(Admin admin, String applicationId) throws InterruptedException {
        try {
            Set<String> changelogs = admin.listTopics().names().get(ADMIN_SECONDS, TimeUnit.SECONDS).stream()
                    .filter(topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-changelog"))
                    .collect(Collectors.toSet());
            List<Integer> brokers = admin.describeCluster().nodes().get(ADMIN_SECONDS, TimeUnit.SECONDS).stream()
                    .map(Node::id).toList();
            Map<Integer, Map<String, LogDirDescription>> logDirs =
                    admin.describeLogDirs(brokers).allDescriptions().get(ADMIN_SECONDS, TimeUnit.SECONDS);
            return logDirs.values().stream().flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> changelogs.contains(replica.getKey().topic()))
                    .mapToLong(replica -> replica.getValue().size()).sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new StackFailure("Cannot measure the changelogs of " + applicationId + ": " + e.getMessage());
        }
    }
}
