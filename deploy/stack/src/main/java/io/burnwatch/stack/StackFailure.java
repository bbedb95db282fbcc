package io.burnwatch.stack;

/**
 * The stack cannot start or keep running; the message says which part failed and why, and names the part's log
 * when it has one.
 */
final class StackFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int TAIL_LINES = 30;

    private final String details;

    StackFailure(String message) {
        this(message, "");
    }

    private StackFailure(String message, String details) {
        super(message);
        this.details = details;
    }

    /** {@code problem} of a child process, with the end of its log as details. */
    static StackFailure of(JavaProcess process, String problem) {
        return new StackFailure(problem + "; its log: " + process.log(), process.tail(TAIL_LINES));
    }

    /** The end of the failed part's log, for the console; may be empty. */
    String details() {
        return details;
    }
}
