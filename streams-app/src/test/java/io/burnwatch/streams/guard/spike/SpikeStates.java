package io.burnwatch.streams.guard.spike;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.streams.testing.PipelineDriver;
import java.util.ArrayList;
import java.util.List;

/** The SPIKE alert states a pipeline has emitted, by who they are about. */
final class SpikeStates {

    private final PipelineDriver pipeline;
    private final List<Alert> seen = new ArrayList<>();

    SpikeStates(PipelineDriver pipeline) {
        this.pipeline = pipeline;
    }

    List<Alert> all() {
        pipeline.alerts.readValuesToList().stream().filter(alert -> alert.getSpike() != null).forEach(seen::add);
        return seen;
    }

    /** The states of a user's spikes, or of a team's by its scope string. */
    List<Alert> of(String userId) {
        return all().stream().filter(alert -> alert.getUserId().equals(userId)).toList();
    }

    Alert only(String userId) {
        List<Alert> alerts = of(userId);
        assertThat(alerts).as("spike alerts of " + userId).hasSize(1);
        return alerts.get(0);
    }
}
