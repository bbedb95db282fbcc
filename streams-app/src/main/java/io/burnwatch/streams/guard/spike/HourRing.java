package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.guard.Ring;
import io.burnwatch.streams.state.SpikeState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A scope's closed hours over the trailing {@value #DAYS} days in a fixed ring of {@value #HOURS} costs, so its
 * state stays the same size however long it runs: 336 doubles and two longs, about
 * 2.8 KB per scope. The current hour is kept apart ({@link SpikeStores#CURRENT_HOUR}), since it changes on every call.
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
        if (hour >= state.getFirstHour()) {
            state.setLatestHour(Ring.add(state.getUsd(), state.getLatestHour(), hour, usd));
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
            samples.add(Ring.get(state.getUsd(), state.getLatestHour(), h));
        }
        return samples;
    }
}
