package io.burnwatch.sim.persona;

/** One agent or chat session: the calls it makes share its id, client and model. */
public record Session(String sessionId, String client, Model model, String repo) {
}
