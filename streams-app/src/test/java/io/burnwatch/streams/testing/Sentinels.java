package io.burnwatch.streams.testing;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Calls without tokens whose user, team and model land on every partition of their stage. Sent after the
 * traffic, they move the stream time of every task of the user, team and model stages to their {@code ts}, so
 * every window that ends, grace included, by then closes.
 */
public final class Sentinels {

    private Sentinels() {
    }

    /** @param idPrefix makes the event ids unique among sentinels sent at different times */
    public static List<UsageEvent> at(Instant ts, int partitions, String idPrefix) {
        List<UsageEvent> sentinels = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            sentinels.add(UsageEvent.newBuilder()
                    .setEventId(idPrefix + "-" + partition).setTs(ts)
                    .setUserId(keyOnPartition("sentinel-user-", partition, partitions))
                    .setTeamId(keyOnPartition("sentinel-team-", partition, partitions))
                    .setSessionId("sentinel").setInitiator(Initiator.AGENT)
                    .setModel(keyOnPartition("sentinel-model-", partition, partitions))
                    .setInputTokens(0).setOutputTokens(0).setCacheReadTokens(0).setCacheWriteTokens(0)
                    .build());
        }
        return sentinels;
    }

    /** A string key the producer's default partitioner (murmur2 of the UTF-8 bytes) puts on {@code partition}. */
    private static String keyOnPartition(String prefix, int partition, int partitions) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return key;
            }
        }
    }
}
