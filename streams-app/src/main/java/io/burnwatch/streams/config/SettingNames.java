package io.burnwatch.streams.config;

import java.util.Collection;
import java.util.Optional;

/** The known name a misspelt one was most likely meant to be, for "did you mean" hints. */
public final class SettingNames {

    private SettingNames() {
    }

    /**
     * The name of {@code known} closest to {@code typed} by edit distance, if it is close enough to be a typo:
     * at most a third of the typed name's length, and at most 4 edits.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        int allowed = Math.min(4, Math.max(1, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int distance = distance(typed, name);
            if (distance < bestDistance || distance == bestDistance && name.compareTo(best) < 0) {
                best = name;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
