package io.burnwatch.streams.testing;

import io.burnwatch.local.Await;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Whether a consumer group (a Kafka Streams application) has committed everything written to what it reads. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Waits until every partition the group has committed to is committed up to its end, input and repartition topics alike. */
    public static void awaitNone(Admin admin, String groupId, Duration timeout) {
        Await.until(timeout, "consumer group " + groupId + " to catch up", () -> lag(admin, groupId) == 0);
    }

    private static long lag(Admin admin, String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                return Long.MAX_VALUE;
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            return committed.entrySet().stream()
                    .mapToLong(e -> ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset()))
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
