package io.lariat.tools;

/**
 * Thrown by a tool to refuse a call with a message written for the model ("cannot evaluate: division by zero").
 *
 * <p>The registry reports it as {@code tool 'NAME': MESSAGE}, without the stack or exception class, and never
 * retries it.
 */
public class ToolException extends RuntimeException {

    /** Creates the exception with the message the model will read. */
    public ToolException(String message) {
        super(message);
    }

    /** Creates the exception with the message the model will read and the underlying cause. */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
