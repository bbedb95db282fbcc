package io.burnwatch.streams.idle;

import io.burnwatch.schema.Fingerprint;
import io.burnwatch.schema.FingerprintKind;
import io.burnwatch.schema.IdleEvidence;
import io.burnwatch.schema.IdleReason;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import java.time.Instant;
import java.util.List;

/**
 * What a burning session has to answer for at one moment of event time: its fingerprints, whether a person is
 * taking turns in it, how long it has gone since its last attributable outcome against its patience, and so
 * whether it is accused now, and why.
 *
 * @param burnStartMs when the current burn began, or the last outcome if that came later
 */
record BurnEvidence(List<Fingerprint> fingerprints, int present, boolean attended, Patience patience,
                    long patienceMs, long sinceMs, long burnStartMs, IdleReason reason) {

    static BurnEvidence of(SessionBurn session, UserOutcomes outcomes, long nowMs, IdleRule rule) {
        List<Fingerprint> fingerprints = LoopFingerprints.score(session.getLoop(), session.getLastHumanTs(),
                session.getFirstCallTs(), nowMs, rule);
        int present = (int) fingerprints.stream().filter(Fingerprint::getPresent).count();
        boolean attended = rule.attended(session.getLastHumanTs(), nowMs);
        Patience patience = Patience.of(outcomes, rule.patience());
        long patienceMs = patience.forSession(attended, fingerprints);
        long since = sinceTs(session);
        long sinceMs = Math.max(0, nowMs - since);
        long burnStart = session.getPendingSince() == null ? nowMs : Math.max(session.getPendingSince(), since);
        IdleReason reason = null;
        if (present >= 2 && machineLike(fingerprints) && !attended
                && nowMs - burnStart >= rule.fingerprintConfirm().toMillis()) {
            reason = IdleReason.FINGERPRINTS;
        } else if (sinceMs >= patienceMs
                && nowMs - Math.max(burnStart, since + patienceMs) >= rule.confirm().toMillis()) {
            reason = IdleReason.PATIENCE;
        }
        return new BurnEvidence(fingerprints, present, attended, patience, patienceMs, sinceMs, burnStart, reason);
    }

    /**
     * Whether a fingerprint only a machine leaves is present: the same few prompts again and again, or a clockwork
     * cadence. Small outputs, a flat cached context and no human turn are common in productive agent work too.
     */
    static boolean machineLike(List<Fingerprint> fingerprints) {
        return fingerprints.stream().anyMatch(fingerprint -> fingerprint.getPresent()
                && (fingerprint.getKind() == FingerprintKind.REPEATED_PROMPTS
                        || fingerprint.getKind() == FingerprintKind.REGULAR_CADENCE));
    }

    /** The start of the session's evidence: its last attributable outcome, or its first call. */
    static long sinceTs(SessionBurn session) {
        return session.getSinceTs() > 0 ? session.getSinceTs() : session.getFirstCallTs();
    }

    boolean accused() {
        return reason != null;
    }

    /** The evidence as an alert carries it; {@code reason} is the one the alert opened for. */
    static IdleEvidence describe(SessionBurn session, BurnEvidence evidence, IdleReason reason) {
        int outcomes = session.getOutcomes();
        long lines = session.getLinesChanged();
        return IdleEvidence.newBuilder()
                .setSince(Instant.ofEpochMilli(sinceTs(session)))
                .setSinceMs(evidence.sinceMs())
                .setSinceCostUsd(session.getSinceCostedCalls() == 0 ? null : session.getSinceCostUsd())
                .setSinceTokens(session.getSinceTokens())
                .setSinceCalls(session.getSinceCalls())
                .setBaseline(evidence.patience().source())
                .setBaselineGapMs(evidence.patience().medianGapMs())
                .setBaselineGaps(evidence.patience().gaps())
                .setPatienceMs(evidence.patienceMs())
                .setAttended(evidence.attended())
                .setReason(reason)
                .setSessionOutcomes(outcomes)
                .setLinesPerOutcome(outcomes == 0 ? null : (double) lines / outcomes)
                .setUsdPerChangedLine(lines == 0 ? null : session.getTotalCostUsd() / lines)
                .build();
    }
}
