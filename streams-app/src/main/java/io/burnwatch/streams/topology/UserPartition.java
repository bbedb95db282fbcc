package io.burnwatch.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a record keyed by {@code user_id} belongs on: the one Java's producer and Kafka Streams pick,
 * murmur2 of the key's UTF-8 bytes modulo the partition count. librdkafka producers (Python, Go, .NET, Node, kcat)
 * hash with CRC32 unless set to {@code partitioner=murmur2_random}, and so put some users elsewhere.
 */
public final class UserPartition {

    private UserPartition() {
    }

    public static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Whether a record with {@code key} read from {@code partition} is where burnwatch's state for its user is. */
    public static boolean owns(int partition, String key, int partitions) {
        // A record without a key has no user to place; validation deals with it where it was read.
        return key == null || of(key, partitions) == partition;
    }
}
