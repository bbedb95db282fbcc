package io.burnwatch.sim.persona;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/** Draws from a persona's random source; everything a persona makes up goes through here. */
final class Dice {

    private Dice() {
    }

    /** A duration in [min, max], to the millisecond. */
    static Duration between(SplittableRandom random, Duration min, Duration max) {
        return Duration.ofMillis(random.nextLong(min.toMillis(), max.toMillis() + 1));
    }

    /** A count in [min, max]. */
    static long between(SplittableRandom random, long min, long max) {
        return random.nextLong(min, max + 1);
    }

    static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    static String hex(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            out.append(String.format("%016x", random.nextLong()));
        }
        return out.substring(0, length);
    }

    /** A random (version 4) UUID drawn from {@code random}, so ids repeat with the seed. */
    static String uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new java.util.UUID(high, low).toString();
    }
}
