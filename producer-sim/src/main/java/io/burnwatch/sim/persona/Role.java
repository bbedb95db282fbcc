package io.burnwatch.sim.persona;

import io.burnwatch.schema.TruthLabel;
import io.burnwatch.sim.trace.Traces;
import java.time.Instant;
import java.util.SplittableRandom;

/** The kinds of persona a cast is made of, with the name and label their sessions carry in the ground truth. */
public enum Role {
    LIGHT("light", "light_user", TruthLabel.MUST_NOT_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return new LightUser(user, random, ids, start, traces);
        }
    },
    HEAVY("heavy", "heavy_user", TruthLabel.MUST_NOT_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return new HeavyUser(user, random, ids, start, traces);
        }
    },
    RUNNER("runner", "autonomous_runner", TruthLabel.MAY_ALERT_IF_RESOLVED) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return new AutonomousRunner(user, random, ids, start, traces);
        }
    },
    IDLE_LOOPER("idle", "idle_looper", TruthLabel.SHOULD_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return new IdleLooper(user, random, ids, start);
        }
    },
    JITTERED_LOOPER("jitter", "jittered_looper", TruthLabel.SHOULD_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return new JitteredLooper(user, random, ids, start, traces);
        }
    },
    STUFFER("stuffer", "context_stuffer", TruthLabel.MUST_NOT_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return new ContextStuffer(user, random, ids, start, traces);
        }
    },
    STEADY("steady", "steady_user", TruthLabel.MUST_NOT_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return SteadyUser.steady(user, random, ids, start);
        }
    },
    SPIKER("spiker", "spiking_user", TruthLabel.MUST_NOT_ALERT) {
        @Override
        public Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces) {
            return SteadyUser.spiking(user, random, ids, start);
        }
    };

    private final String mixKey;
    private final String personaName;
    private final TruthLabel label;

    Role(String mixKey, String personaName, TruthLabel label) {
        this.mixKey = mixKey;
        this.personaName = personaName;
        this.label = label;
    }

    /** The name of this role in a {@code --mix}. */
    public String mixKey() {
        return mixKey;
    }

    /** The persona's name in the ground truth. */
    public String personaName() {
        return personaName;
    }

    public TruthLabel label() {
        return label;
    }

    /**
     * @param random the persona's behaviour: what it does when
     * @param ids where its event and session ids come from
     * @param traces where it draws call sizes and arrivals from
     */
    public abstract Persona play(User user, SplittableRandom random, Ids ids, Instant start, Traces traces);
}
