package io.burnwatch.streams.idle;

import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.FingerprintKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.state.LoopStats;
import io.burnwatch.streams.state.PromptWeight;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * The marks a loop leaves on its calls, kept as exponentially weighted statistics over roughly the last
 * {@link #MEMORY} agent calls, so they cost the same however long the session runs:
 * <ul>
 *   <li>REPEATED_PROMPTS: the share of calls whose prompt_hash is one of the few heaviest recent ones;</li>
 *   <li>REGULAR_CADENCE: the coefficient of variation of the gaps between calls (a low one is machine-like);</li>
 *   <li>NO_HUMAN_TURN: minutes since the last HUMAN call, or since the session began if it had none;</li>
 *   <li>FLAT_CACHED_CONTEXT: the share of input read from cache, when the input size barely changes;</li>
 *   <li>TINY_OUTPUTS: the mean output tokens per call.</li>
 * </ul>
 * A fingerprint is present once at least {@link #MIN_SAMPLES} calls were seen and its value passes the bar below.
 */
final class LoopFingerprints {

    static final int MEMORY = 32;
    static final int MIN_SAMPLES = 10;
    static final int PROMPT_SLOTS = 8;

    static final double REPEAT_SHARE_PRESENT = 0.5;
    static final double CADENCE_CV_PRESENT = 0.35;
    static final double CACHE_SHARE_PRESENT = 0.8;
    static final double CONTEXT_CV_PRESENT = 0.2;
    static final double OUTPUT_MEAN_PRESENT = 500;
    /** A prompt counts among the distinct ones a loop repeats with at least this share of the weight. */
    private static final double DISTINCT_PROMPT_SHARE = 0.05;

    private LoopFingerprints() {
    }

    /** Adds one agent call; {@code previousAgentCallMs} is 0 before the first. */
    static void observe(LoopStats stats, UsageEvent call, long previousAgentCallMs) {
        long ts = call.getTs().toEpochMilli();
        if (previousAgentCallMs > 0 && ts >= previousAgentCallMs) {
            stats.setGaps(stats.getGaps() + 1);
            double alpha = alpha(stats.getGaps());
            double gap = (ts - previousAgentCallMs) / 1000.0;
            double delta = gap - stats.getGapMeanS();
            stats.setGapMeanS(stats.getGapMeanS() + alpha * delta);
            stats.setGapVar((1 - alpha) * (stats.getGapVar() + alpha * delta * delta));
        }
        stats.setSamples(stats.getSamples() + 1);
        double alpha = alpha(stats.getSamples());
        long context = call.getInputTokens() + call.getCacheReadTokens() + call.getCacheWriteTokens();
        double delta = context - stats.getContextMean();
        stats.setContextMean(stats.getContextMean() + alpha * delta);
        stats.setContextVar((1 - alpha) * (stats.getContextVar() + alpha * delta * delta));
        double cacheShare = context == 0 ? 0 : (double) call.getCacheReadTokens() / context;
        stats.setCacheReadShare(stats.getCacheReadShare() + alpha * (cacheShare - stats.getCacheReadShare()));
        stats.setOutputMean(stats.getOutputMean() + alpha * (call.getOutputTokens() - stats.getOutputMean()));
        if (call.getPromptHash() != null) {
            observePrompt(stats, Utils.murmur2(call.getPromptHash().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Weighs the first calls equally, then forgets with weight 1/{@link #MEMORY}. */
    private static double alpha(long count) {
        return 1.0 / Math.min(count, MEMORY);
    }

    private static void observePrompt(LoopStats stats, int hash) {
        stats.setPrompted(stats.getPrompted() + 1);
        double alpha = alpha(stats.getPrompted());
        List<PromptWeight> slots = new ArrayList<>(stats.getPrompts());
        stats.setPrompts(slots);
        PromptWeight match = null;
        PromptWeight lightest = null;
        for (PromptWeight slot : slots) {
            slot.setWeight(slot.getWeight() * (1 - 1.0 / MEMORY));
            if (slot.getHash() == hash) {
                match = slot;
            }
            if (lightest == null || slot.getWeight() < lightest.getWeight()) {
                lightest = slot;
            }
        }
        boolean repeated = match != null;
        stats.setRepeatShare(stats.getRepeatShare() + alpha * ((repeated ? 1 : 0) - stats.getRepeatShare()));
        if (match != null) {
            match.setWeight(match.getWeight() + 1);
        } else if (slots.size() < PROMPT_SLOTS) {
            slots.add(new PromptWeight(hash, 1.0));
        } else {
            lightest.setHash(hash);
            lightest.setWeight(1.0);
        }
    }

    /** Every fingerprint, scored at {@code nowMs} for a session that began at {@code firstCallMs}. */
    static List<Fingerprint> score(LoopStats stats, Long lastHumanMs, long firstCallMs, long nowMs, IdleRule rule) {
        boolean enough = stats.getSamples() >= MIN_SAMPLES;
        double repeat = stats.getRepeatShare();
        double cadenceCv = cv(stats.getGapMeanS(), stats.getGapVar());
        double humanMinutes = (nowMs - (lastHumanMs != null ? lastHumanMs : firstCallMs)) / 60_000.0;
        double windowMinutes = rule.window().toSeconds() / 60.0;
        double cacheShare = stats.getCacheReadShare();
        double contextCv = cv(stats.getContextMean(), stats.getContextVar());
        double output = stats.getOutputMean();
        return List.of(
                new Fingerprint(FingerprintKind.REPEATED_PROMPTS, repeat, clamp((repeat - 0.3) / 0.5),
                        stats.getPrompted() >= MIN_SAMPLES && repeat >= REPEAT_SHARE_PRESENT),
                new Fingerprint(FingerprintKind.REGULAR_CADENCE, cadenceCv, clamp((1.0 - cadenceCv) / 0.75),
                        stats.getGaps() >= MIN_SAMPLES && cadenceCv <= CADENCE_CV_PRESENT),
                new Fingerprint(FingerprintKind.NO_HUMAN_TURN, humanMinutes, clamp(humanMinutes / (2 * windowMinutes)),
                        humanMinutes >= windowMinutes),
                new Fingerprint(FingerprintKind.FLAT_CACHED_CONTEXT, cacheShare,
                        Math.min(clamp((cacheShare - 0.5) / 0.4), clamp((0.5 - contextCv) / 0.4)),
                        enough && cacheShare >= CACHE_SHARE_PRESENT && contextCv <= CONTEXT_CV_PRESENT),
                new Fingerprint(FingerprintKind.TINY_OUTPUTS, output, clamp((1000 - output) / 800),
                        enough && output <= OUTPUT_MEAN_PRESENT));
    }

    /** How many distinct prompts carry the repeats: those with a real share of the recent weight. */
    static int distinctPrompts(LoopStats stats) {
        double total = stats.getPrompts().stream().mapToDouble(PromptWeight::getWeight).sum();
        return (int) stats.getPrompts().stream().filter(slot -> slot.getWeight() >= DISTINCT_PROMPT_SHARE * total).count();
    }

    /** The coefficient of variation, or a large number when there is no mean to compare with. */
    static double cv(double mean, double variance) {
        return mean <= 0 ? 10.0 : Math.sqrt(Math.max(0, variance)) / mean;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
