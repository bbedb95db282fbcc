package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;

/** The topic each kind of event goes to. */
public record Topics(String usage, String outcomes, String truth) {

    public String of(SimEvent event) {
        if (event instanceof SimEvent.Usage) {
            return usage;
        }
        return event instanceof SimEvent.Outcome ? outcomes : truth;
    }
}
