package io.burnwatch.sim.persona;

/** A simulated person: the key of every event they cause, their team and the repository they work in. */
public record User(String userId, String teamId, String repo) {
}
