package io.burnwatch.streams.idle;

import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.Severity;
import java.util.List;

/**
 * How sure and how bad: confidence starts at {@link #BASE_CONFIDENCE} for a large burn with no outcome, and each
 * fingerprint present adds up to 0.1 by its score; severity goes by dollars per hour, each fingerprint present
 * weighing the rate 25% more.
 */
record Verdict(double confidence, Severity severity, Double usdPerHour) {

    static final double BASE_CONFIDENCE = 0.5;

    static Verdict of(List<Fingerprint> fingerprints, WindowBurn window) {
        double confidence = BASE_CONFIDENCE;
        int present = 0;
        for (Fingerprint fingerprint : fingerprints) {
            if (fingerprint.getPresent()) {
                confidence += 0.1 * fingerprint.getScore();
                present++;
            }
        }
        Double usdPerHour = window.costUsd() == null ? null
                : window.costUsd() * 3_600_000.0 / window.spanMs();
        double weighed = (usdPerHour == null ? 0 : usdPerHour) * (1 + 0.25 * present);
        return new Verdict(Math.min(1.0, confidence), severity(weighed), usdPerHour);
    }

    /** Under $10 an hour LOW, under $50 MEDIUM, under $200 HIGH, else CRITICAL. */
    static Severity severity(double usdPerHour) {
        if (usdPerHour < 10) {
            return Severity.LOW;
        }
        if (usdPerHour < 50) {
            return Severity.MEDIUM;
        }
        return usdPerHour < 200 ? Severity.HIGH : Severity.CRITICAL;
    }
}
