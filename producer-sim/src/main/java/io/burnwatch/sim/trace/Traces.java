package io.burnwatch.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public traces the simulator draws sizes and arrivals from, read from a directory laid out like
 * {@code shared/traces}, or from the small samples packaged with the simulator (see {@code traces/README.md}).
 */
public record Traces(CallSizes completions, CallSizes chats, CallSizes longContexts, AgentRuns agentRuns,
                     OnOff activity) {

    static final String AZURE_CODE = "azure_llm_2023/AzureLLMInferenceTrace_code.csv";
    static final String AZURE_CONV = "azure_llm_2023/AzureLLMInferenceTrace_conv.csv";
    static final String MOONCAKE = "mooncake_fast25/conversation_trace.csv";
    static final String AGENT_STEPS = "minisweagent_deepseek_pr/steps.csv";
    static final String SERVEGEN = "servegen/servegen_client_windows_active_week1.csv";

    private interface Source {
        BufferedReader open(String file) throws IOException;
    }

    private static volatile Traces packaged;

    /** The packaged samples, read once. */
    public static Traces packaged() {
        if (packaged == null) {
            packaged = read("packaged traces", file -> {
                InputStream in = Traces.class.getResourceAsStream("/traces/" + file);
                if (in == null) {
                    throw new IOException("missing resource /traces/" + file);
                }
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            });
        }
        return packaged;
    }

    /** The traces in {@code dir}: the files of {@code shared/traces}, by the same relative paths. */
    public static Traces from(Path dir) {
        return read(dir.toString(), file -> Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8));
    }

    private static Traces read(String where, Source source) {
        return new Traces(
                new CallSizes(table(where, source, AZURE_CODE), "ContextTokens", "GeneratedTokens"),
                new CallSizes(table(where, source, AZURE_CONV), "ContextTokens", "GeneratedTokens"),
                new CallSizes(table(where, source, MOONCAKE), "input_length", "output_length"),
                new AgentRuns(table(where, source, AGENT_STEPS)),
                new OnOff(table(where, source, SERVEGEN)));
    }

    private static TraceTable table(String where, Source source, String file) {
        try {
            return TraceTable.read(where + "/" + file, source.open(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " from " + where + ": " + e.getMessage(), e);
        }
    }
}
