package io.burnwatch.sim.persona;

import io.burnwatch.sim.trace.Traces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Who takes part in a run, fixed by the seed: users in teams of 5–20 (fewer only if there are fewer users), each
 * playing a role. A small cast ({@value #SMALL} users or fewer, with no mix given) has exactly one idle looper (which
 * one depends on the seed) and the others alternately heavy and light users; a larger one follows the
 * {@link Mix#STANDARD standard mix}, or the mix given.
 */
public final class Cast {

    public static final int SMALL = 10;
    static final int MIN_TEAM = 5;
    static final int MAX_TEAM = 20;

    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
            "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor");
    private static final List<String> TEAMS = List.of("platform", "payments", "search", "growth", "infra", "mobile");
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final List<User> users;
    private final List<Role> roles;

    private Cast(long seed, List<User> users, List<Role> roles) {
        this.seed = seed;
        this.users = List.copyOf(users);
        this.roles = List.copyOf(roles);
    }

    /** A small cast with one idle looper up to {@value #SMALL} users, the standard mix above. */
    public static Cast of(long seed, int size) {
        requireUsers(size);
        if (size > SMALL) {
            return of(seed, size, Mix.STANDARD);
        }
        int looper = new SplittableRandom(seed).nextInt(size);
        List<Role> roles = new ArrayList<>(size);
        int others = 0;
        for (int i = 0; i < size; i++) {
            roles.add(i == looper ? Role.IDLE_LOOPER : (others++ % 2 == 0 ? Role.HEAVY : Role.LIGHT));
        }
        return new Cast(seed, users(seed, size), roles);
    }

    /** {@code size} users playing the roles of {@code mix} in its proportions, in an order the seed shuffles. */
    public static Cast of(long seed, int size, Mix mix) {
        requireUsers(size);
        List<Role> roles = new ArrayList<>(size);
        mix.counts(size).forEach((role, count) -> roles.addAll(Collections.nCopies(count, role)));
        Collections.shuffle(roles, new Random(seed));
        return new Cast(seed, users(seed, size), roles);
    }

    public List<User> users() {
        return users;
    }

    public Role roleOf(User user) {
        return roles.get(users.indexOf(user));
    }

    /** The first idle looper: the user whose agent loops in every small cast. */
    public User looper() {
        int index = roles.indexOf(Role.IDLE_LOOPER);
        if (index < 0) {
            throw new IllegalStateException("This cast has no idle looper: its mix gives idle a weight of 0");
        }
        return users.get(index);
    }

    /**
     * Fresh personas for a run starting at {@code start}. Their behaviour depends on the seed alone, relative to
     * the start; their ids on the seed and the start, so runs at different starts never share an id.
     */
    public List<Persona> personas(Instant start, Traces traces) {
        SplittableRandom behaviour = new SplittableRandom(seed);
        behaviour.nextInt(users.size()); // the draw that chose the looper of a small cast
        SplittableRandom ids = new SplittableRandom(seed * GOLDEN_GAMMA ^ start.toEpochMilli());
        List<Persona> personas = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            personas.add(roles.get(i).play(users.get(i), behaviour.split(), new Ids(ids.split()), start, traces));
        }
        return personas;
    }

    /** Personas drawing from the packaged trace samples. */
    public List<Persona> personas(Instant start) {
        return personas(start, Traces.packaged());
    }

    private static List<User> users(long seed, int size) {
        List<Integer> teamSizes = teamSizes(new SplittableRandom(seed ^ GOLDEN_GAMMA), size);
        List<User> users = new ArrayList<>(size);
        for (int team = 0, i = 0; team < teamSizes.size(); team++) {
            String teamId = team < TEAMS.size() ? TEAMS.get(team) : "team-" + (team + 1);
            for (int member = 0; member < teamSizes.get(team); member++, i++) {
                String name = i < NAMES.size() ? NAMES.get(i) : "user-" + (i + 1);
                users.add(new User(name, teamId, "acme/" + teamId + "-service"));
            }
        }
        return users;
    }

    /** Sizes of 5–20 adding up to {@code users}; a single smaller team when there are fewer than 5. */
    static List<Integer> teamSizes(SplittableRandom random, int users) {
        List<Integer> sizes = new ArrayList<>();
        int left = users;
        while (left > MAX_TEAM) {
            int size = random.nextInt(MIN_TEAM, Math.min(MAX_TEAM, left - MIN_TEAM) + 1);
            sizes.add(size);
            left -= size;
        }
        sizes.add(left);
        return sizes;
    }

    private static void requireUsers(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A cast needs at least one user, got " + size);
        }
    }
}
