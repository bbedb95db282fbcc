package io.burnwatch.sim.persona;

/** A model and its list price in USD per million tokens, so simulated calls report a plausible cost. */
public enum Model {
    CLAUDE_SONNET_4_5("claude-sonnet-4-5", 3.00, 15.00, 0.30, 3.75),
    GPT_5("gpt-5", 1.25, 10.00, 0.125, 1.25),
    GEMINI_2_5_PRO("gemini-2.5-pro", 1.25, 10.00, 0.31, 1.625);

    private static final double PER_TOKEN = 1.0 / 1_000_000;

    private final String modelName;
    private final double input;
    private final double output;
    private final double cacheRead;
    private final double cacheWrite;

    Model(String modelName, double input, double output, double cacheRead, double cacheWrite) {
        this.modelName = modelName;
        this.input = input;
        this.output = output;
        this.cacheRead = cacheRead;
        this.cacheWrite = cacheWrite;
    }

    public String modelName() {
        return modelName;
    }

    public double costUsd(Tokens tokens) {
        return PER_TOKEN * (tokens.input() * input + tokens.output() * output
                + tokens.cacheRead() * cacheRead + tokens.cacheWrite() * cacheWrite);
    }
}
