package io.burnwatch.streams.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The top users of a UTC day. {@code ranked} is how many users the ranking covers; below the privacy floor
 * ({@code minGroup}) no one is shown, and {@code withheld} says why.
 */
public record Leaderboard(String period, LocalDate day, String by, int limit, int minGroup, int ranked,
                          List<Entry> entries, String withheld) {

    /** A user's place: the score ranked by, with their day's cost, tokens and merged PRs beside it. */
    public record Entry(int rank, String userId, double score, Double costUsd, long tokens, long prsMerged) {

        Entry ranked(int place) {
            return new Entry(place, userId, score, costUsd, tokens, prsMerged);
        }
    }

    /** One instance's part: how many of its users the ranking covers, and its best {@code limit}. */
    public record Part(int ranked, List<Entry> entries) {
    }

    /** The parts of every instance merged: users live on one instance each, so the union of their tops is exact. */
    static Leaderboard merge(LocalDate day, Ranking by, int limit, int minGroup, Collection<Part> parts) {
        int ranked = parts.stream().mapToInt(Part::ranked).sum();
        if (ranked < minGroup) {
            return new Leaderboard("day", day, by.parameter(), limit, minGroup, ranked, List.of(),
                    "fewer than " + minGroup + " people ranked (" + ranked + "): the privacy floor hides the board");
        }
        List<Entry> all = new ArrayList<>();
        parts.forEach(part -> all.addAll(part.entries()));
        all.sort(by.order());
        List<Entry> top = new ArrayList<>();
        for (Entry entry : all.subList(0, Math.min(limit, all.size()))) {
            top.add(entry.ranked(top.size() + 1));
        }
        return new Leaderboard("day", day, by.parameter(), limit, minGroup, ranked, top, null);
    }
}
