package io.burnwatch.streams.idle;

import io.burnwatch.schema.Fingerprint;
import io.burnwatch.streams.state.LoopStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fingerprints present in a session, in words: "94% of prompts repeat 3 fingerprints, a call every 1.0 s (CV 0.12)". */
record LoopEvidence(int distinctPrompts, double gapMeanS) {

    static LoopEvidence of(LoopStats stats) {
        return new LoopEvidence(LoopFingerprints.distinctPrompts(stats), stats.getGapMeanS());
    }

    String describe(List<Fingerprint> fingerprints) {
        List<String> parts = new ArrayList<>();
        for (Fingerprint fingerprint : fingerprints) {
            if (!fingerprint.getPresent()) {
                continue;
            }
            double value = fingerprint.getValue();
            parts.add(switch (fingerprint.getKind()) {
                case REPEATED_PROMPTS -> IdleMessages.percent(value) + " of prompts repeat "
                        + IdleMessages.count(distinctPrompts, "fingerprint");
                case REGULAR_CADENCE -> "a call every " + IdleMessages.decimal(gapMeanS) + " s (CV "
                        + String.format(Locale.ROOT, "%.2f", value) + ")";
                case NO_HUMAN_TURN -> "no human turn for " + IdleMessages.span(Duration.ofSeconds((long) (value * 60)));
                case FLAT_CACHED_CONTEXT -> IdleMessages.percent(value) + " of a flat input read from cache";
                case TINY_OUTPUTS -> Math.round(value) + " output tokens per call";
            });
        }
        return parts.isEmpty() ? "no loop fingerprint, only a large burn with nothing to show for it" : String.join(", ", parts);
    }
}
