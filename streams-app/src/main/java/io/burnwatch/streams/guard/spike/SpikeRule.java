package io.burnwatch.streams.guard.spike;

import io.burnwatch.schema.Severity;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.state.HourBaseline;

/**
 * When an hour's cost is a spike against its baseline: a robust z-score of at least {@code threshold}, at least
 * {@code minRatio} times the median, at least {@code minHourlyUsd} spent (minimum activity) and at least
 * {@code minImpactUsd} above the median (minimum impact), so that $0.02 becoming $0.20 never alerts. A scope's own
 * baseline counts once it has {@code minHistoryDays} days of the hour's type.
 */
public record SpikeRule(double threshold, double minRatio, double minHourlyUsd, double minImpactUsd, int minHistoryDays) {

    /** Scales a MAD to a standard deviation for normally distributed data. */
    static final double MAD_SCALE = 1.4826;

    public static SpikeRule from(BurnwatchConfig config) {
        return new SpikeRule(config.spikeThreshold(), config.spikeMinRatio(), config.spikeMinHourlyUsd(),
                config.spikeMinImpactUsd(), config.spikeMinHistoryDays());
    }

    boolean isSpike(double usd, HourBaseline baseline) {
        double median = baseline.getMedian();
        Double score = score(usd, baseline);
        return usd >= minHourlyUsd
                && usd - median >= minImpactUsd
                && usd >= minRatio * median
                && (score == null || score >= threshold);
    }

    /** (cost - median) / (1.4826 x MAD); null when the MAD is 0, where any rise is infinitely many deviations. */
    static Double score(double usd, HourBaseline baseline) {
        return baseline.getMad() == 0 ? null : (usd - baseline.getMedian()) / (MAD_SCALE * baseline.getMad());
    }

    /** By the dollars an hour above the median. */
    static Severity severity(double usd, HourBaseline baseline) {
        double excess = usd - baseline.getMedian();
        return excess >= 250 ? Severity.CRITICAL : excess >= 100 ? Severity.HIGH : excess >= 25 ? Severity.MEDIUM : Severity.LOW;
    }
}
