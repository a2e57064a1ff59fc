package io.lariat.cli;

/**
 * A problem the user can fix (a missing file, a bad argument, an unknown model), reported as one line.
 *
 * <p>The message is complete as it stands; the CLI prefixes it with {@code lariat: } and exits with
 * {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {

    private final int exitCode;

    /** A problem that exits with status 1. */
    public CliException(String message) {
        this(message, 1, null);
    }

    /** A problem caused by {@code cause}, exiting with status 1. */
    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    private CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit status for this problem. */
    public int exitCode() {
        return exitCode;
    }
}
