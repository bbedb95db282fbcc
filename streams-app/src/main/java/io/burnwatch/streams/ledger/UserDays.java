package io.burnwatch.streams.ledger;

import io.burnwatch.schema.Dimension;
import io.burnwatch.streams.state.WindowTally;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the ledger's USER windows of one UTC day while the day is open: what each user has used, spent and shipped
 * that day so far. The windows store is keyed by size and start first, so one day's users are one range.
 */
public final class UserDays {

    /** The store of the USER windows; it lives in the task of the user's input partition. */
    public static final String STORE = WindowLedger.windowsStore(Dimension.USER);

    private UserDays() {
    }

    /** Start of the UTC day that holds {@code epochMillis}. */
    public static long dayStart(long epochMillis) {
        return WindowSize.DAY.startOf(epochMillis);
    }

    public static Optional<WindowTally> of(ReadOnlyKeyValueStore<Bytes, WindowTally> store, String userId, long dayStart) {
        return Optional.ofNullable(store.get(LedgerKeys.window(WindowSize.DAY, dayStart, userId)));
    }

    /** Each user with a window on the day starting at {@code dayStart}, with its tally. */
    public static void forEach(ReadOnlyKeyValueStore<Bytes, WindowTally> store, long dayStart,
                               BiConsumer<String, WindowTally> action) {
        try (KeyValueIterator<Bytes, WindowTally> day = store.range(
                LedgerKeys.window(WindowSize.DAY, dayStart, ""), LedgerKeys.after(WindowSize.DAY, dayStart))) {
            day.forEachRemaining(window -> action.accept(LedgerKeys.value(window.key), window.value));
        }
    }
}
