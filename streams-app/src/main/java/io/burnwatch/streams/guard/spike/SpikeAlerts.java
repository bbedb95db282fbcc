package io.burnwatch.streams.guard.spike;

import static io.burnwatch.streams.guard.GuardText.clock;
import static io.burnwatch.streams.guard.GuardText.times;
import static io.burnwatch.streams.guard.GuardText.usd;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Resolution;
import io.burnwatch.schema.SpikeBaseline;
import io.burnwatch.schema.SpikeEvidence;
import io.burnwatch.streams.guard.AlertFigures;
import io.burnwatch.streams.state.HourBaseline;
import io.burnwatch.streams.state.SpikeHour;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The states of a SPIKE alert: OPEN when an hour's cost crosses its baseline's limit, UPDATE when a later hour
 * does too, RESOLVED (SUBSIDED) when an hour closes back within it.
 */
final class SpikeAlerts {

    private SpikeAlerts() {
    }

    /** One id per scope and the hour the spike began. */
    static String alertId(SpikeScope scope, long hour) {
        String name = "spike\u0000" + scope.scope() + '\u0000' + hour;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Alert open(SpikeScope scope, SpikeHour hour, Instant at) {
        Alert alert = figures(Alert.newBuilder()
                .setAlertId(alertId(scope, hour.getHour()))
                .setKind(AlertKind.SPIKE)
                .setStatus(AlertStatus.OPEN)
                .setResolution(null)
                .setOpenedAt(at)
                .setUserId(scope.scope().alertUserId())
                .setTeamId(scope.teamIdOrNull())
                .setModels(List.of()), hour, at, evidence(scope, hour, 1, hour.getUsd()))
                .build();
        alert.setMessage(opened(alert.getSpike()));
        return alert;
    }

    /** The spike goes on into another hour. */
    static Alert update(SpikeScope scope, Alert open, SpikeHour hour, Instant at) {
        SpikeEvidence before = open.getSpike();
        Alert alert = figures(Alert.newBuilder(open).setStatus(AlertStatus.UPDATE), hour, at,
                evidence(scope, hour, before.getSpikeHours() + 1, Math.max(before.getPeakCostUsd(), hour.getUsd())))
                .build();
        alert.setMessage("Still spiking, hour " + alert.getSpike().getSpikeHours() + ": " + opened(alert.getSpike()));
        return alert;
    }

    /** The stored open alert with its hour's final cost, emitted with nothing: its RESOLVED state will carry it. */
    static Alert closed(Alert open, SpikeHour hour) {
        SpikeEvidence spike = SpikeEvidence.newBuilder(open.getSpike())
                .setCostUsd(hour.getUsd())
                .setPeakCostUsd(Math.max(open.getSpike().getPeakCostUsd(), hour.getUsd()))
                .build();
        return Alert.newBuilder(open).setSpike(spike).setCostUsd(hour.getUsd()).build();
    }

    static Alert subsided(Alert open, Instant at) {
        SpikeEvidence spike = open.getSpike();
        int hours = spike.getSpikeHours();
        return Alert.newBuilder(open)
                .setStatus(AlertStatus.RESOLVED)
                .setResolution(Resolution.SUBSIDED)
                .setTs(at)
                .setMessage("Resolved: " + spike.getScope() + " is back within its baseline after " + hours
                        + (hours == 1 ? " hour" : " hours") + " above it, at most " + usd(spike.getPeakCostUsd()) + " an hour")
                .build();
    }

    private static Alert.Builder figures(Alert.Builder alert, SpikeHour hour, Instant at, SpikeEvidence spike) {
        return AlertFigures.usage(alert, hour.getTotals())
                .setTs(at)
                .setWindowStart(Hours.start(hour.getHour()))
                .setWindowEnd(at)
                .setCostUsd(hour.getUsd())
                .setSeverity(SpikeRule.severity(hour.getUsd(), hour.getBaseline()))
                .setSpike(spike)
                .setMessage("");
    }

    private static SpikeEvidence evidence(SpikeScope scope, SpikeHour hour, int spikeHours, double peakUsd) {
        HourBaseline baseline = hour.getBaseline();
        return SpikeEvidence.newBuilder()
                .setScope(scope.scope().toString())
                .setHour(Hours.start(hour.getHour()))
                .setCostUsd(hour.getUsd())
                .setBaselineMedianUsd(baseline.getMedian())
                .setBaselineMadUsd(baseline.getMad())
                .setBaselineSamples(baseline.getSamples())
                .setBaseline(baseline.getOwn() ? SpikeBaseline.OWN : SpikeBaseline.TEAM_MEMBERS)
                .setWeekend(Hours.weekend(hour.getHour()))
                .setScore(SpikeRule.score(hour.getUsd(), baseline))
                .setRatio(baseline.getMedian() == 0 ? null : hour.getUsd() / baseline.getMedian())
                .setSpikeHours(spikeHours)
                .setPeakCostUsd(peakUsd)
                .build();
    }

    /**
     * "user:alice spent $84.20 in the hour from 14:00 UTC, 7.1x the median $11.80 of that hour on its own last 10
     * weekdays".
     */
    private static String opened(SpikeEvidence spike) {
        String against = spike.getRatio() == null ? ", against a median of " : ", " + times(spike.getRatio()) + " the median ";
        String days = spike.getWeekend() ? "weekend days" : "weekdays";
        String of = spike.getBaseline() == SpikeBaseline.OWN
                ? "its own last " + spike.getBaselineSamples() + " " + days
                : spike.getBaselineSamples() + " " + days + " of its team's members";
        return spike.getScope() + " spent " + usd(spike.getCostUsd()) + " in the hour from " + clock(spike.getHour())
                + " UTC" + against + usd(spike.getBaselineMedianUsd()) + " of that hour on " + of;
    }
}
