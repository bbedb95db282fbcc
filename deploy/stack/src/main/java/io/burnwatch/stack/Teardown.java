package io.burnwatch.stack;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/** Stops what was started, newest first, exactly once, whoever asks first: the run itself or Ctrl-C. */
final class Teardown {

    private record Step(String name, AutoCloseable part) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final PrintWriter err;

    Teardown(PrintWriter err) {
        this.err = err;
    }

    synchronized <T extends AutoCloseable> T add(String name, T part) {
        steps.push(new Step(name, part));
        return part;
    }

    synchronized void run() {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.part().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("Interrupted while stopping the " + step.name());
            } catch (Exception e) {
                err.println("Could not stop the " + step.name() + " cleanly: " + e.getMessage());
            }
        }
        err.flush();
    }
}
