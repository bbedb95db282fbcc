package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.streams.state.LedgerPartial;
import io.burnwatch.streams.state.WindowTally;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The records between the user windows and the TEAM and MODEL windows: a partial, what one closed user window adds
 * to one TEAM or MODEL window, keyed by that window; and a watermark, which goes to every partition. An input
 * partition's task sends its partials before its watermark, so a partition of the partials topic holds every
 * partial a source sent below that source's watermark before the watermark itself.
 */
final class Partials implements StreamPartitioner<RollupKey, LedgerPartial> {

    private static final RollupKey WATERMARK_KEY = new RollupKey(Dimension.USER, "", Instant.EPOCH);

    static LedgerPartial partial(int source, WindowSize size, WindowTally tally, long watermark) {
        return new LedgerPartial(source, size.millis(), tally, watermark);
    }

    static RollupKey watermarkKey() {
        return WATERMARK_KEY;
    }

    static LedgerPartial watermark(int source, long streamTime) {
        return new LedgerPartial(source, 0L, null, streamTime);
    }

    /** The watermark of a partition that holds no open user window: it holds no TEAM or MODEL window back. */
    static LedgerPartial holdsNothing(int source) {
        return new LedgerPartial(source, 0L, null, Long.MAX_VALUE);
    }

    static boolean isWatermark(LedgerPartial value) {
        return value.getTally() == null;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, RollupKey key, LedgerPartial value, int numPartitions) {
        if (isWatermark(value)) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        byte[] window = (key.getDimension().name() + '/' + key.getDimensionValue() + '/' + value.getSizeMs() + '/'
                + key.getWindowStart().toEpochMilli()).getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(window)) % numPartitions));
    }
}
