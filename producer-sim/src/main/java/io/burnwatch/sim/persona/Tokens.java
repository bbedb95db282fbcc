package io.burnwatch.sim.persona;

/** The four disjoint token counts of one model call. */
public record Tokens(long input, long output, long cacheRead, long cacheWrite) {

    public long total() {
        return input + output + cacheRead + cacheWrite;
    }
}
