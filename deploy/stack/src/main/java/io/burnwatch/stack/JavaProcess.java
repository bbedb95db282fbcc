package io.burnwatch.stack;

import io.burnwatch.local.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class running in a child JVM (this JVM's java binary and class path) with its output in a log file.
 * Closing it asks it to stop (SIGTERM, so its shutdown hooks run), and kills it if it does not in time.
 */
final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final long stopTimeoutSeconds;

    private JavaProcess(String name, Process process, Path log, long stopTimeoutSeconds) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
    }

    static JavaProcess start(String name, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                             long stopTimeoutSeconds) throws IOException {
        Process process = ChildJvm.start(jvmOptions, mainClass, args, log);
        return new JavaProcess(name, process, log, stopTimeoutSeconds);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while it runs. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The last lines of its log, to explain why it stopped. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** @throws StackFailure if it has exited */
    void requireRunning() {
        if (!process.isAlive()) {
            throw StackFailure.of(this, "The " + name + " exited with code " + process.exitValue());
        }
    }

    /** Kills it at once (SIGKILL), as a crash would: no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        if (!process.destroyForcibly().waitFor(stopTimeoutSeconds, TimeUnit.SECONDS)) {
            throw StackFailure.of(this, "The " + name + " did not die within " + stopTimeoutSeconds + " s of SIGKILL");
        }
    }

    /** Asks it to stop (SIGTERM) without waiting. */
    void requestStop() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(stopTimeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
