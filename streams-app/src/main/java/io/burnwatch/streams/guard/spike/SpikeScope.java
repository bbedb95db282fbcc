package io.burnwatch.streams.guard.spike;

import io.burnwatch.streams.guard.Scope;
import io.burnwatch.streams.ledger.LedgerEntries;

/**
 * A team, or a user as a member of a team, in the team's task. Store keys put the team first
 * ({@code team\u0000} for the team, {@code team\u0000user} for a member), so a prefix scan finds a team's members.
 *
 * @param user null for the team itself
 */
record SpikeScope(String team, String user) {

    private static final char SEPARATOR = '\u0000';

    static SpikeScope team(String team) {
        return new SpikeScope(team, null);
    }

    static SpikeScope member(String team, String user) {
        return new SpikeScope(team, user);
    }

    static SpikeScope fromKey(String key) {
        int separator = key.indexOf(SEPARATOR);
        String user = key.substring(separator + 1);
        return new SpikeScope(key.substring(0, separator), user.isEmpty() ? null : user);
    }

    /** The prefix of the keys of a team and all its members. */
    static String teamPrefix(String team) {
        return team + SEPARATOR;
    }

    String key() {
        return teamPrefix(team) + (user == null ? "" : user);
    }

    boolean isMember() {
        return user != null;
    }

    /** Whether the scope belongs to a real team, whose members a new user can be compared with. */
    boolean hasTeam() {
        return !LedgerEntries.NO_TEAM.equals(team);
    }

    Scope scope() {
        return user == null ? Scope.team(team) : Scope.user(user);
    }

    String teamIdOrNull() {
        return hasTeam() ? team : null;
    }
}
