package io.burnwatch.sim.persona;

import java.util.SplittableRandom;

/**
 * Makes the ids of a persona's events and sessions. Drawn from their own random source, seeded by the seed and
 * the run's start: a run replays the seed's behaviour, but a later run (e.g. on a kept data dir) never reuses an
 * earlier run's event or session ids.
 */
public final class Ids {

    private final SplittableRandom random;

    Ids(SplittableRandom random) {
        this.random = random;
    }

    String eventId() {
        return Dice.uuid(random);
    }

    String sessionId() {
        return "s-" + Dice.hex(random, 8);
    }

    String commitSha() {
        return Dice.hex(random, 40);
    }
}
