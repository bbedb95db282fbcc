package io.burnwatch.stack;

import io.burnwatch.sim.OneLineErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * One run of a stack command: whatever it starts is stopped newest first, exactly once, whether the run ends,
 * fails or is cut short by Ctrl-C. A part that fails ends the run with its message on stderr and exit code 1.
 */
final class StackRun {

    /** What the command does once its run is set up; returns the exit code. */
    interface Body {
        int run(StackRun run) throws Exception;
    }

    /** How a failed part is reported. */
    enum OnFailure {
        /** The message, then the end of the part's log; the data directory is deleted if temporary. */
        PRINT_LOG_TAIL,
        /** The message alone, on one line; the data directory is kept, so that the log it names can be read. */
        ONE_LINE_KEEP_LOGS
    }

    private static final long HOOK_WAIT_SECONDS = 150;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<JavaProcess> children = new CopyOnWriteArrayList<>();
    private final CommandLine commandLine;
    private final OnFailure onFailure;
    private final Teardown teardown;
    private DataDir data;

    StackRun(CommandLine commandLine, OnFailure onFailure) {
        this.commandLine = commandLine;
        this.onFailure = onFailure;
        this.teardown = new Teardown(commandLine.getErr());
    }

    /** {@code command} with one-line errors, printing its console output to {@code out} and errors to {@code err}. */
    static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        return OneLineErrors.install(new CommandLine(command))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    /** Runs {@code body}, then stops everything it started, announcing it as stopping {@code parts}. */
    int execute(String parts, Body body) throws Exception {
        PrintWriter console = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            // On Ctrl-C the terminal signals every process of the stack at once, the broker too: the app and the
            // simulator get the same head start rather than waiting for their turn.
            children.forEach(JavaProcess::requestStop);
            awaitQuietly(finished, HOOK_WAIT_SECONDS);
            teardown.run();
        }, "burnwatch-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.run(this);
        } catch (StackFailure failure) {
            err.println(commandLine.getCommandName() + ": " + failure.getMessage());
            if (onFailure == OnFailure.PRINT_LOG_TAIL && !failure.details().isEmpty()) {
                err.println(failure.details());
            }
            if (onFailure == OnFailure.ONE_LINE_KEEP_LOGS && data != null) {
                data.keep();
            }
            return OneLineErrors.EXIT_FAILED;
        } finally {
            console.println("stopping: " + parts);
            teardown.run();
            console.println("stopped");
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and has just been released.
            }
        }
    }

    /** The run's data directory: {@code kept}, or a temporary one deleted when the run ends. */
    DataDir data(Path kept) throws IOException {
        data = add("data dir", DataDir.open(kept));
        return data;
    }

    /** The data directory {@link #data(Path)} opened. */
    DataDir data() {
        return data;
    }

    /** Stops {@code part} when the run ends, before what was added earlier. */
    <T extends AutoCloseable> T add(String name, T part) {
        return teardown.add(name, part);
    }

    /** A child process: stopped when the run ends, and asked to stop at once on Ctrl-C. */
    JavaProcess child(JavaProcess process) {
        children.add(process);
        return teardown.add(process.name(), process);
    }

    List<JavaProcess> children() {
        return children;
    }

    /** Whether Ctrl-C asked the run to stop. */
    boolean stopped() {
        return stopRequested.getCount() == 0;
    }

    private static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
