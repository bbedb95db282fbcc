package io.burnwatch.stack.artifacts;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus's {@code promtool}, from {@code -Dburnwatch.promtool=PATH} or the PATH. */
final class Promtool {

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** Runs {@code promtool args...} in {@code directory} and returns its exit code and output. */
    static Result run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool %s did not finish within 60 s", String.join(" ", args));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path executable() {
        String configured = System.getProperty("burnwatch.promtool");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                fail("-Dburnwatch.promtool=%s is not an executable file: pass the path of promtool", configured);
            }
            return Path.of(configured);
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("promtool not found on the PATH: install it (Debian/Ubuntu: apt-get install prometheus; or the"
                + " promtool binary of a release from https://prometheus.io/download/), or pass -Dburnwatch.promtool=PATH");
    }
}
