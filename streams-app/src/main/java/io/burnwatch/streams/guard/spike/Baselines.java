package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.state.HourBaseline;
import java.util.Arrays;
import java.util.List;

/** Median and median absolute deviation: a baseline that one past spike in the samples does not drag along. */
final class Baselines {

    private Baselines() {
    }

    /** The baseline of {@code samples}, which must not be empty. */
    static HourBaseline of(List<Double> samples, boolean own) {
        double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(values);
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        return new HourBaseline(median, median(deviations), values.length, own);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
