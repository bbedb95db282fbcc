package io.burnwatch.sim.trace;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Context and output sizes of single calls, drawn together from one observed request. */
public final class CallSizes {

    /** One observed request: its context (prompt) tokens and its generated tokens. */
    public record Size(long context, long output) {
    }

    private final long[] context;
    private final long[] output;

    CallSizes(TraceTable table, String contextColumn, String outputColumn) {
        context = new long[table.size()];
        output = new long[table.size()];
        for (int i = 0; i < table.size(); i++) {
            context[i] = Math.round(table.number(i, contextColumn));
            output[i] = Math.round(table.number(i, outputColumn));
        }
    }

    public Size draw(SplittableRandom random) {
        int row = random.nextInt(context.length);
        return new Size(context[row], output[row]);
    }

    public long maxContext() {
        return Arrays.stream(context).max().orElseThrow();
    }

    public long maxOutput() {
        return Arrays.stream(output).max().orElseThrow();
    }
}
