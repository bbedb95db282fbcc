package io.burnwatch.streams.guard;

import java.util.Optional;

/**
 * Whose spend a budget or a spike is about: a team ({@code team:payments}) or a user ({@code user:alice}). The
 * string form keys the budgets topic, and is what a team's BUDGET and SPIKE alerts carry as their user_id.
 */
public record Scope(Kind kind, String id) {

    public enum Kind {
        TEAM("team:"), USER("user:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public Scope of(String id) {
            return new Scope(this, id);
        }
    }

    public static final String FORMAT = "team:<team_id> or user:<user_id>, e.g. team:payments";

    public static Scope team(String teamId) {
        return new Scope(Kind.TEAM, teamId);
    }

    public static Scope user(String userId) {
        return new Scope(Kind.USER, userId);
    }

    /** {@code team:x} or {@code user:x} with a non-blank id; empty for anything else. */
    public static Optional<Scope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (text.startsWith(kind.prefix) && !text.substring(kind.prefix.length()).isBlank()) {
                return Optional.of(new Scope(kind, text.substring(kind.prefix.length())));
            }
        }
        return Optional.empty();
    }

    /** What an alert about this scope carries as user_id: the user's id, or the team's scope string. */
    public String alertUserId() {
        return kind == Kind.USER ? id : toString();
    }

    @Override
    public String toString() {
        return kind.prefix + id;
    }
}
