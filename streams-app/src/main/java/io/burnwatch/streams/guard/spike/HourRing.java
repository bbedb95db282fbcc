package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.guard.Ring;
import io.burnwatch.streams.guard.SparseRing;
import io.burnwatch.streams.state.SpikeState;
import java.util.ArrayList;
import java.util.List;

/**
 * A scope's closed hours over the trailing {@value #DAYS} days, as a {@link SparseRing}: only the hours with spend
 * are listed, so a new or occasional scope's history is a few dozen bytes, and a scope that spends every hour of the
 * 14 days about 4.4 KB. It is written when an hour closes; the current hour is kept apart
 * ({@link SpikeStores#CURRENT_HOUR}), since it changes on every call.
 *
 * <p>States written before the hours were listed keep them in a ring of {@value #HOURS} costs; they are read as
 * they are, and listed when the scope's next hour closes.
 */
final class HourRing {

    static final int DAYS = 14;
    static final int HOURS = DAYS * 24;

    private HourRing() {
    }

    /** The history of a scope whose first call falls in {@code firstHour}. */
    static SpikeState start(long firstHour) {
        return SpikeState.newBuilder()
                .setFirstHour(firstHour)
                .setLatestHour(firstHour - 1)
                .setUsd(new ArrayList<>())
                .setHours(new ArrayList<>())
                .build();
    }

    /** Adds {@code usd} to {@code hour}; hours skipped on the way count as nothing spent, hours out of the ring are dropped. */
    static void add(SpikeState state, long hour, double usd) {
        if (hour < state.getFirstHour()) {
            return;
        }
        if (!state.getUsd().isEmpty()) {
            listRing(state);
        }
        long latest = Math.max(state.getLatestHour(), hour);
        state.setHours(SparseRing.add(state.getHours(), hour, usd, latest, HOURS));
        state.setLatestHour(latest);
    }

    /**
     * The costs of the same hour of day, on the days of the same type (weekday or weekend) among the {@value #DAYS}
     * before {@code hour}'s, since the scope's first hour: an hour of such a day with no call counts as 0.
     */
    static List<Double> sameHours(SpikeState state, long hour) {
        boolean weekend = Hours.weekend(hour);
        List<Double> samples = new ArrayList<>(DAYS);
        for (int day = 1; day <= DAYS; day++) {
            long h = hour - 24L * day;
            if (h < state.getFirstHour() || Hours.weekend(h) != weekend) {
                continue;
            }
            samples.add(get(state, h));
        }
        return samples;
    }

    private static double get(SpikeState state, long hour) {
        return state.getUsd().isEmpty()
                ? SparseRing.get(state.getHours(), hour, state.getLatestHour(), HOURS)
                : Ring.get(state.getUsd(), state.getLatestHour(), hour);
    }

    private static void listRing(SpikeState state) {
        long latest = state.getLatestHour();
        for (long h = latest - HOURS + 1; h <= latest; h++) {
            state.setHours(SparseRing.add(state.getHours(), h, Ring.get(state.getUsd(), latest, h), latest, HOURS));
        }
        state.setUsd(new ArrayList<>());
    }
}
