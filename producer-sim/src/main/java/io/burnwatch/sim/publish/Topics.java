package io.burnwatch.sim.publish;

import io.burnwatch.sim.persona.SimEvent;

/** The topic each kind of event goes to. */
public record Topics(String usage, String outcomes) {

    public String of(SimEvent event) {
        return event instanceof SimEvent.Usage ? usage : outcomes;
    }
}
