package io.burnwatch.sim.persona;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who takes part in a run, fixed by the seed: users in teams of three, exactly one of them a looper (which one
 * depends on the seed), the others alternately heavy and light users.
 */
public final class Cast {

    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
            "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor");
    private static final List<String> TEAMS = List.of("platform", "payments", "search", "growth", "infra", "mobile");
    private static final int TEAM_SIZE = 3;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final List<User> users;
    private final List<Role> roles;

    private Cast(long seed, List<User> users, List<Role> roles) {
        this.seed = seed;
        this.users = List.copyOf(users);
        this.roles = List.copyOf(roles);
    }

    public static Cast of(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A cast needs at least one user (the looper), got " + size);
        }
        int looper = new SplittableRandom(seed).nextInt(size);
        List<User> users = new ArrayList<>(size);
        List<Role> roles = new ArrayList<>(size);
        int others = 0;
        for (int i = 0; i < size; i++) {
            String team = TEAMS.get((i / TEAM_SIZE) % TEAMS.size());
            String name = i < NAMES.size() ? NAMES.get(i) : "user-" + (i + 1);
            users.add(new User(name, team, "acme/" + team + "-service"));
            roles.add(i == looper ? Role.LOOPER : (others++ % 2 == 0 ? Role.HEAVY : Role.LIGHT));
        }
        return new Cast(seed, users, roles);
    }

    public List<User> users() {
        return users;
    }

    public Role roleOf(User user) {
        return roles.get(users.indexOf(user));
    }

    public User looper() {
        return users.get(roles.indexOf(Role.LOOPER));
    }

    /**
     * Fresh personas for a run starting at {@code start}. Their behaviour depends on the seed alone, relative to
     * the start; their ids on the seed and the start, so runs at different starts never share an id.
     */
    public List<Persona> personas(Instant start) {
        SplittableRandom behaviour = new SplittableRandom(seed);
        behaviour.nextInt(users.size()); // the draw that chose the looper
        SplittableRandom ids = new SplittableRandom(seed * GOLDEN_GAMMA ^ start.toEpochMilli());
        List<Persona> personas = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            personas.add(roles.get(i).play(users.get(i), behaviour.split(), new Ids(ids.split()), start));
        }
        return personas;
    }
}
