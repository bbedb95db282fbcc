package io.burnwatch.streams.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * An input keyed by {@code user_id} whose records all reach the task of their user, however the producer
 * partitioned them:
 * <pre>
 * input ─▶ on its user's partition? ─ yes ───────────────────────────────┬─▶ partitioned input
 *                                    └ no ─▶ repartition (by murmur2) ─────┘
 * </pre>
 * Records a Java producer wrote go straight on; only the others pay a trip through a repartition topic, which
 * Kafka Streams creates with the input's partition count. Both halves merge in one sub-topology, so each record
 * is validated, deduplicated and counted once, by its user's task.
 */
public final class UserPartitioned {

    private UserPartitioned() {
    }

    /**
     * @param name       names the processors and the repartition topic ({@code <application.id>-<name>-misplaced-repartition})
     * @param partitions the input topic's partition count
     */
    public static <V> KStream<String, V> of(KStream<String, V> input, String name, int partitions,
                                            Serde<String> keys, Serde<V> values) {
        String prefix = name + "-partition-";
        Map<String, KStream<String, Placed<V>>> routes = input
                .processValues(() -> new PartitionPlacement<V>(partitions), Named.as(name + "-placement"))
                .split(Named.as(prefix))
                .branch((user, placed) -> placed.owned(), Branched.as("owned"))
                .defaultBranch(Branched.as("misplaced"));
        KStream<String, V> owned = routes.get(prefix + "owned").mapValues(Placed::value, Named.as(prefix + "owned-value"));
        KStream<String, V> moved = routes.get(prefix + "misplaced")
                .mapValues(Placed::value, Named.as(prefix + "misplaced-value"))
                .repartition(Repartitioned.with(keys, values).withName(name + "-misplaced"));
        return owned.merge(moved, Named.as(name + "-partitioned"));
    }
}
