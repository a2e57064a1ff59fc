package io.lariat.tools.builtin.python;

import java.util.List;
import java.util.Objects;

/**
 * A Python exception raised by the user's code, as the model should see it.
 *
 * <p>Immutable. {@code traceback} holds the formatted lines, limited to frames of the user's own cells (named
 * {@code <cell N>}), ending with the {@code Type: message} line; it is never empty.
 *
 * @param type      the exception class name, e.g. {@code ZeroDivisionError}
 * @param message   the exception's message, possibly empty
 * @param traceback the formatted traceback lines
 */
public record PythonError(String type, String message, List<String> traceback) {

    /** Copies the traceback; all components are required. */
    public PythonError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        traceback = List.copyOf(traceback);
    }

    /** The traceback as one block of text, lines separated by {@code \n}. */
    public String tracebackText() {
        return String.join("\n", traceback);
    }
}
