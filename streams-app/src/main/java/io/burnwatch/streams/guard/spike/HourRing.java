package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.state.SpikeState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A scope's closed hours over the trailing {@value #DAYS} days in a fixed ring of {@value #HOURS} costs, so its
 * state stays the same size however long it runs: 336 doubles, two longs and the current hour, about 2.8 KB per scope.
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
                .setUsd(new ArrayList<>(Collections.nCopies(HOURS, 0d)))
                .build();
    }

    /** Adds {@code usd} to {@code hour}; hours skipped on the way count as nothing spent, hours out of the ring are dropped. */
    static void add(SpikeState state, long hour, double usd) {
        List<Double> ring = state.getUsd();
        long latest = state.getLatestHour();
        if (hour > latest) {
            for (long h = Math.max(latest + 1, hour - HOURS + 1); h <= hour; h++) {
                ring.set(slot(h), 0d);
            }
            state.setLatestHour(hour);
            latest = hour;
        }
        if (hour > latest - HOURS && hour >= state.getFirstHour()) {
            ring.set(slot(hour), ring.get(slot(hour)) + usd);
        }
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
            boolean written = h <= state.getLatestHour() && h > state.getLatestHour() - HOURS;
            samples.add(written ? state.getUsd().get(slot(h)) : 0d);
        }
        return samples;
    }

    private static int slot(long hour) {
        return (int) Math.floorMod(hour, (long) HOURS);
    }
}
