package io.burnwatch.stack;

/** The stack cannot start or keep running; the message says which part failed and why. */
final class StackFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String details;

    StackFailure(String message, String details) {
        super(message);
        this.details = details;
    }

    /** Extra lines for the console, e.g. the end of a log; may be empty. */
    String details() {
        return details;
    }
}
