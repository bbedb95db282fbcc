package io.burnwatch.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's two outputs in its data dir: {@code broker.log} (log4j, kept across runs) and {@code broker.out}
 * (the JVM's own output of the current run), and what to quote from them when the broker fails.
 */
final class BrokerLogs {

    static final String LOG_FILE = "broker.log";
    static final String OUTPUT_FILE = "broker.out";
    private static final int MAX_LINES = 20;

    private BrokerLogs() {
    }

    /** Where the log ends now, so that a failure report can quote only what the next run writes. */
    static long logEnd(Path dataDir) {
        try {
            Path log = dataDir.resolve(LOG_FILE);
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The run's output, then the last errors the run logged (from {@code logStart} on), each with the line after
     * it, which holds the exception's message.
     */
    static String whyItFailed(Path dataDir, long logStart) {
        List<String> quoted = new ArrayList<>(last(read(dataDir.resolve(OUTPUT_FILE), 0), MAX_LINES));
        List<String> log = read(dataDir.resolve(LOG_FILE), logStart);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            if (line.contains("] ERROR ") || line.contains("] FATAL ")) {
                errors.add(line);
                if (i + 1 < log.size() && !log.get(i + 1).startsWith("[")) {
                    errors.add(log.get(i + 1));
                }
            }
        }
        quoted.addAll(errors.isEmpty() ? last(log, MAX_LINES) : last(errors, MAX_LINES));
        return String.join(System.lineSeparator(), quoted);
    }

    private static List<String> read(Path file, long from) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(file);
            // A log that rolled over since is read whole.
            int start = from <= bytes.length ? (int) from : 0;
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static List<String> last(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }
}
