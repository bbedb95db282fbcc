package io.burnwatch.sim.persona;

import java.time.Instant;
import java.util.SplittableRandom;

/** The kinds of persona a cast is made of. */
public enum Role {
    LIGHT {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start) {
            return new LightUser(user, random, ids, start);
        }
    },
    HEAVY {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start) {
            return new HeavyUser(user, random, ids, start);
        }
    },
    LOOPER {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start) {
            return new Looper(user, random, ids, start);
        }
    };

    /**
     * @param random the persona's behaviour: what it does when
     * @param ids where its event and session ids come from
     */
    public abstract Persona play(User user, SplittableRandom random, Ids ids, Instant start);
}
