package io.burnwatch.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, instead of sleeping for a guessed time. */
public final class Await {

    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 200;

    private Await() {
    }

    /** Returns once {@code condition} is true; throws an {@link AssertionError} naming {@code what} on timeout. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Returns the first non-null value of {@code valueOrNull}; throws an {@link AssertionError} on timeout. */
    public static <T> T until(Duration timeout, String what, Supplier<T> valueOrNull) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            T value = valueOrNull.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }
}
