package io.burnwatch.streams.guard;

import io.burnwatch.streams.state.SlotUsd;
import java.util.ArrayList;
import java.util.List;

/**
 * Amounts in numbered slots (5-minute buckets, hours) of which only the latest {@code size} count, as {@link Ring}
 * holds them, but listing only the slots that hold an amount, oldest first: a scope that spends now and then keeps a
 * few entries instead of {@code size} zeros. Slot {@code n} counts while {@code latest - size < n <= latest}.
 */
public final class SparseRing {

    private SparseRing() {
    }

    /**
     * {@code slots} with {@code usd} added to slot {@code n}, without the slots that no longer count once
     * {@code latest} is the latest slot; a slot that does not count takes nothing.
     */
    public static List<SlotUsd> add(List<SlotUsd> slots, long n, double usd, long latest, int size) {
        List<SlotUsd> kept = new ArrayList<>(slots.size() + 1);
        int at = -1;
        for (SlotUsd slot : slots) {
            if (counts(slot.getSlot(), latest, size)) {
                if (slot.getSlot() == n) {
                    at = kept.size();
                }
                kept.add(slot);
            }
        }
        if (usd == 0d || !counts(n, latest, size)) {
            return kept;
        }
        if (at >= 0) {
            kept.get(at).setUsd(kept.get(at).getUsd() + usd);
            return kept;
        }
        int before = 0;
        while (before < kept.size() && kept.get(before).getSlot() < n) {
            before++;
        }
        kept.add(before, SlotUsd.newBuilder().setSlot(n).setUsd(usd).build());
        return kept;
    }

    /** The amount in slot {@code n}: 0 if none was added, or if it does not count beside {@code latest}. */
    public static double get(List<SlotUsd> slots, long n, long latest, int size) {
        if (!counts(n, latest, size)) {
            return 0d;
        }
        for (SlotUsd slot : slots) {
            if (slot.getSlot() == n) {
                return slot.getUsd();
            }
        }
        return 0d;
    }

    public static boolean counts(long n, long latest, int size) {
        return n <= latest && n > latest - size;
    }
}
