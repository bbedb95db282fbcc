package io.burnwatch.streams.ledger;

import io.burnwatch.streams.state.OpenWindow;
import io.burnwatch.streams.state.OpenWindows;
import io.burnwatch.streams.state.WindowTally;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the ledger's USER windows of one UTC day while the day is open: what each user has used, spent and shipped
 * that day so far, from each user's record of open windows.
 */
public final class UserDays {

    /** The store of the USER windows; it lives in the task of the user's input partition. */
    public static final String STORE = UserLedger.WINDOWS;

    private UserDays() {
    }

    /** Start of the UTC day that holds {@code epochMillis}. */
    public static long dayStart(long epochMillis) {
        return WindowSize.DAY.startOf(epochMillis);
    }

    public static Optional<WindowTally> of(ReadOnlyKeyValueStore<String, OpenWindows> store, String userId, long dayStart) {
        OpenWindows open = store.get(userId);
        return open == null ? Optional.empty() : day(open, dayStart);
    }

    /** Each user with a window on the day starting at {@code dayStart}, with its tally: a scan of every user's record. */
    public static void forEach(ReadOnlyKeyValueStore<String, OpenWindows> store, long dayStart,
                               BiConsumer<String, WindowTally> action) {
        try (KeyValueIterator<String, OpenWindows> users = store.all()) {
            users.forEachRemaining(user -> day(user.value, dayStart).ifPresent(tally -> action.accept(user.key, tally)));
        }
    }

    private static Optional<WindowTally> day(OpenWindows open, long dayStart) {
        for (OpenWindow window : open.getWindows()) {
            if (window.getSizeMs() == WindowSize.DAY.millis() && window.getStart() == dayStart) {
                return Optional.of(window.getTally());
            }
        }
        return Optional.empty();
    }
}
