package io.burnwatch.streams.idle;

import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.IdleBaseline;
import io.burnwatch.streams.state.UserOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a user's burning session may go without an outcome before it is accused. Learned, once a user has
 * {@link #MIN_GAPS} gaps between outcomes, from their own recent gaps: the median plus three robust standard
 * deviations (1.4826 × MAD), and at least 1.5 × the median, within [{@link #MIN_OWN}, {@link #MAX_OWN}]. Until then
 * the configured default. A session a person is taking turns in gets twice the patience; each loop fingerprint
 * present takes some off.
 */
record Patience(long baseMs, IdleBaseline source, Long medianGapMs, int gaps) {

    static final int MIN_GAPS = 4;
    static final int MAX_GAPS = 16;
    /** A longer gap between two outcomes spans a night or a weekend, not work. */
    static final long MAX_GAP_MS = Duration.ofHours(12).toMillis();
    /** Outcomes closer together (a commit and its pull request) are one piece of work. */
    static final long MIN_GAP_MS = Duration.ofMinutes(1).toMillis();
    static final long MIN_OWN = Duration.ofMinutes(20).toMillis();
    static final long MAX_OWN = Duration.ofHours(8).toMillis();

    static Patience of(UserOutcomes outcomes, Duration fallback) {
        List<Long> gaps = outcomes == null ? List.of() : outcomes.getGapsMs();
        if (gaps.size() < MIN_GAPS) {
            return new Patience(fallback.toMillis(), IdleBaseline.DEFAULT, null, gaps.size());
        }
        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        double median = median(sorted);
        long[] deviations = Arrays.stream(sorted).map(gap -> Math.round(Math.abs(gap - median))).sorted().toArray();
        double spread = 1.4826 * median(deviations);
        long own = Math.round(Math.max(1.5 * median, median + 3 * spread));
        return new Patience(Math.max(MIN_OWN, Math.min(MAX_OWN, own)), IdleBaseline.OWN, Math.round(median),
                sorted.length);
    }

    /**
     * The patience for one session: doubled while attended; a quarter off per machine-like fingerprint present
     * (see {@link BurnEvidence#machineLike}), a tenth off per other one.
     */
    long forSession(boolean attended, List<Fingerprint> fingerprints) {
        double factor = attended ? 2.0 : 1.0;
        for (Fingerprint fingerprint : fingerprints) {
            if (fingerprint.getPresent()) {
                factor *= BurnEvidence.machineLike(List.of(fingerprint)) ? 0.75 : 0.9;
            }
        }
        return Math.round(baseMs * factor);
    }

    /** Adds the gap from the user's previous outcome to {@code ts}, if it was one of work. */
    static void recordGap(UserOutcomes outcomes, long ts) {
        Long last = outcomes.getLastTs();
        if (last != null && ts > last) {
            long gap = ts - last;
            if (gap >= MIN_GAP_MS && gap <= MAX_GAP_MS) {
                List<Long> gaps = new ArrayList<>(outcomes.getGapsMs());
                gaps.add(gap);
                outcomes.setGapsMs(gaps.subList(Math.max(0, gaps.size() - MAX_GAPS), gaps.size()));
            }
        }
        if (last == null || ts > last) {
            outcomes.setLastTs(ts);
        }
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
