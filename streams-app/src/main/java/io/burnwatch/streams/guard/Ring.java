package io.burnwatch.streams.guard;

import java.util.List;

/**
 * Amounts in numbered slots (5-minute buckets, hours) of which a fixed number are held: slot {@code n} lives at index
 * {@code n} modulo the list's size, and the latest number written says which are current.
 */
public final class Ring {

    private Ring() {
    }

    /**
     * Adds {@code amount} to slot {@code n} and returns the new latest number: a later {@code n} moves the ring on,
     * emptying the slots it passes; a slot too old to be held takes nothing.
     */
    public static long add(List<Double> ring, long latest, long n, double amount) {
        int size = ring.size();
        if (n > latest) {
            for (long passed = Math.max(latest + 1, n - size + 1); passed <= n; passed++) {
                ring.set(index(ring, passed), 0d);
            }
            latest = n;
        }
        if (n > latest - size) {
            ring.set(index(ring, n), ring.get(index(ring, n)) + amount);
        }
        return latest;
    }

    /** The amount in slot {@code n}: 0 if it is later than {@code latest} or too old to be held. */
    public static double get(List<Double> ring, long latest, long n) {
        return n <= latest && n > latest - ring.size() ? ring.get(index(ring, n)) : 0d;
    }

    private static int index(List<Double> ring, long n) {
        return (int) Math.floorMod(n, (long) ring.size());
    }
}
