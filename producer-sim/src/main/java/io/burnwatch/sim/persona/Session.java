package io.burnwatch.sim.persona;

/** One agent or chat session: the calls it makes share its id, client and model; a subagent's names its parent. */
public record Session(String sessionId, String parentSessionId, String client, Model model, String repo) {
}
