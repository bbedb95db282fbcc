package io.burnwatch.sim.persona;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How many of each persona a cast has, as weights (percentages, say) such as {@code light=50,heavy=25}. */
public record Mix(Map<Role, Integer> weights) {

    public static final Mix STANDARD = parse("light=50,heavy=25,runner=5,idle=5,jitter=5,stuffer=10");

    public Mix {
        weights = Collections.unmodifiableMap(new EnumMap<>(weights));
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("a mix needs a positive weight, e.g. light=50,heavy=25,idle=5");
        }
    }

    /**
     * Parses {@code role=weight,...}; roles left out weigh 0.
     *
     * @throws IllegalArgumentException naming the bad part and the roles there are
     */
    public static Mix parse(String text) {
        Map<Role, Integer> weights = new EnumMap<>(Role.class);
        for (String part : text.split(",")) {
            String[] pair = part.strip().split("=", 2);
            Role role = Arrays.stream(Role.values()).filter(r -> r.mixKey().equals(pair[0].strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + part.strip() + "' names no persona; use "
                            + roleKeys() + ", e.g. light=50,heavy=25,idle=5"));
            int weight;
            try {
                weight = pair.length == 2 ? Integer.parseInt(pair[1].strip()) : -1;
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (weight < 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' has no weight; write "
                        + role.mixKey() + "=<whole number of 0 or more>");
            }
            weights.put(role, weight);
        }
        return new Mix(weights);
    }

    /** How many of {@code users} play each role: the weights' shares, rounded by largest remainder. */
    public Map<Role, Integer> counts(int users) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<Role, Integer> counts = new EnumMap<>(Role.class);
        Map<Role, Double> remainders = new EnumMap<>(Role.class);
        int assigned = 0;
        for (Role role : Role.values()) {
            double share = (double) users * weights.getOrDefault(role, 0) / total;
            counts.put(role, (int) Math.floor(share));
            remainders.put(role, share - Math.floor(share));
            assigned += (int) Math.floor(share);
        }
        List<Role> byRemainder = remainders.entrySet().stream()
                .sorted(Map.Entry.<Role, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        for (int i = 0; assigned < users; i++, assigned++) {
            counts.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
        }
        return counts;
    }

    private static String roleKeys() {
        return Arrays.stream(Role.values()).map(Role::mixKey).collect(Collectors.joining(", "));
    }
}
