package io.burnwatch.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records the streams app has yet to process: on its input topics and its own repartition topics
 * ({@code <application.id>-…-repartition}), the committed records past the offsets its consumer group committed.
 * Under exactly_once_v2 those offsets are committed in the same transaction as the output they led to, so a lag
 * of zero means that the output of every record written so far is committed.
 */
final class ConsumerLag {

    private static final long TIMEOUT_SECONDS = 10;
    private static final String REPARTITION = "-repartition";

    private final Admin admin;
    private final String groupId;
    private final List<String> inputTopics;

    ConsumerLag(Admin admin, String groupId, List<String> inputTopics) {
        this.admin = admin;
        this.groupId = groupId;
        this.inputTopics = inputTopics;
    }

    /** Whether the group has committed an offset yet: whether its first transaction is done. */
    boolean anyCommitted() {
        try {
            return !admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            throw new StackFailure("Cannot read the offsets of consumer group " + groupId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted while reading the offsets of consumer group " + groupId);
        }
    }

    long records() {
        return records(true);
    }

    /** The lag on the input topics alone: how much of the backlog has yet to be read. */
    long inputRecords() {
        return records(false);
    }

    private long records(boolean withRepartitions) {
        try {
            // Offsets first, ends second: an end read later can only be higher, never hide unprocessed records.
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> topics = new ArrayList<>(inputTopics);
            if (withRepartitions) {
                admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                        .filter(name -> name.startsWith(groupId + "-") && name.endsWith(REPARTITION))
                        .forEach(topics::add);
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new StackFailure("Cannot read the lag of consumer group " + groupId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted while reading the lag of consumer group " + groupId);
        }
    }
}
