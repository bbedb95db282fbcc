package io.burnwatch.stack;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.ledger.WindowSize;
import io.burnwatch.streams.testing.LateRecord;
import io.burnwatch.streams.testing.LedgerOutput;
import io.burnwatch.streams.testing.TokenSums;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tokens per user and window of every size, keyed {@code 1m alice 2026-03-02T10:00:00Z}: from the calls that came
 * in, and from the USER rollups plus the calls late for their USER window. Keys with no tokens are left out, so a
 * window still open (the sentinels') and one never written compare equal.
 */
final class UserWindows {

    private UserWindows() {
    }

    static Map<String, TokenSums> of(Collection<UsageEvent> calls) {
        Map<String, TokenSums> windows = new TreeMap<>();
        for (UsageEvent call : calls) {
            for (WindowSize size : WindowSize.values()) {
                add(windows, key(size, call.getUserId(), Instant.ofEpochMilli(size.startOf(call.getTs().toEpochMilli()))),
                        TokenSums.of(call));
            }
        }
        return windows;
    }

    static Map<String, TokenSums> of(LedgerOutput ledger) {
        Map<String, TokenSums> windows = new TreeMap<>();
        for (WindowSize size : WindowSize.values()) {
            ledger.rollups().get(size).stream().filter(r -> r.key().getDimension() == Dimension.USER).forEach(r ->
                    add(windows, key(size, r.key().getDimensionValue(), r.key().getWindowStart()), TokenSums.of(r.value())));
            for (LateRecord late : ledger.late(size, Dimension.USER)) {
                if (late.event() instanceof UsageEvent call) {
                    add(windows, key(size, late.userId(), late.windowStart()), TokenSums.of(call));
                }
            }
        }
        return windows;
    }

    private static void add(Map<String, TokenSums> windows, String key, TokenSums tokens) {
        if (!tokens.equals(TokenSums.ZERO)) {
            windows.merge(key, tokens, TokenSums::plus);
        }
    }

    private static String key(WindowSize size, String user, Instant windowStart) {
        return size.label() + " " + user + " " + windowStart;
    }
}
