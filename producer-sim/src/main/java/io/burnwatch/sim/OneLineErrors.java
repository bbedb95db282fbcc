package io.burnwatch.sim;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports a bad flag or setting as one line on stderr and exit code 2, instead of picocli's message plus the
 * whole usage text. {@link #problem} builds errors whose message already says how to fix them; picocli's own
 * parse errors get a pointer to --help. A failure while running is one line too, with exit code 1.
 */
public final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    public static final int EXIT_BAD_USAGE = 2;
    public static final int EXIT_FAILED = 1;

    /** A bad setting whose message names the problem and the fix. */
    public static final class Problem extends ParameterException {
        private static final long serialVersionUID = 1L;

        private Problem(CommandLine commandLine, String problemAndFix) {
            super(commandLine, problemAndFix);
        }
    }

    public static ParameterException problem(CommandLine commandLine, String problemAndFix) {
        return new Problem(commandLine, problemAndFix);
    }

    /** Installs the handler on {@code commandLine} and returns it. */
    public static CommandLine install(CommandLine commandLine) {
        OneLineErrors handler = new OneLineErrors();
        return commandLine.setParameterExceptionHandler(handler).setExecutionExceptionHandler(handler);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String message = ex instanceof Problem ? ex.getMessage() : ex.getMessage() + " (see --help)";
        print(commandLine, message);
        return EXIT_BAD_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
        if (ex instanceof ParameterException parameterException) {
            return handleParseException(parameterException, parsed.originalArgs().toArray(String[]::new));
        }
        StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        print(commandLine, message.toString());
        return EXIT_FAILED;
    }

    private static void print(CommandLine commandLine, String message) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandName() + ": " + message.replace(System.lineSeparator(), " ").replace('\n', ' '));
        err.flush();
    }
}
