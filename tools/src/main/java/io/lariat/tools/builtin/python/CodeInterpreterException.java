package io.lariat.tools.builtin.python;

/**
 * Thrown when the code interpreter itself cannot serve a request: it or the session is closed, or a Python context
 * could not be created.
 *
 * <p>Problems in the user's code are never thrown; they are reported in a {@link CodeRunResult}.
 */
public class CodeInterpreterException extends RuntimeException {

    /** Creates the exception with a message that says what could not be done and why. */
    public CodeInterpreterException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public CodeInterpreterException(String message, Throwable cause) {
        super(message, cause);
    }
}
