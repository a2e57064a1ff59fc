package io.lariat.tools.builtin.python;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of running one cell of Python code in a {@link PythonSession}.
 *
 * <p>Immutable. {@code stdout} and {@code stderr} are what the code printed, each capped at
 * {@link PythonLimits#outputBytes()} with a visible marker when cut. {@code value} is the repr of the cell's final
 * expression, as a notebook shows it, or {@code null} when the cell does not end in an expression or it evaluates to
 * {@code None}. {@code error} is {@code null} exactly when the run succeeded; a stopped run has an error of type
 * {@code TimeoutError}, {@code MemoryError} or {@code CancelledError}. {@code stateReset} says the session's Python
 * state (variables, functions, imports) was discarded after this run and the next run starts fresh.
 *
 * @param stdout          captured standard output, never {@code null}
 * @param stderr          captured standard error, never {@code null}
 * @param value           repr of the final expression, or {@code null}
 * @param error           the failure, or {@code null} on success
 * @param timedOut        the run was stopped by the CPU or wall time limit
 * @param memoryExceeded  the run was stopped by the memory limit
 * @param outputTruncated some output or the value's repr was cut at the cap
 * @param stateReset      the session's state was lost and replaced by a fresh context
 * @param elapsed         wall time of the run, including waiting for a worker thread
 */
public record CodeRunResult(String stdout, String stderr, String value, PythonError error, boolean timedOut,
                            boolean memoryExceeded, boolean outputTruncated, boolean stateReset, Duration elapsed) {

    static final String RESET_NOTE = "The Python session was reset: variables, functions and imports from earlier"
            + " runs are gone.";

    /** Checks that the streams and elapsed time are present. */
    public CodeRunResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether the code ran to the end without raising. */
    public boolean succeeded() {
        return error == null;
    }

    /**
     * The tool-result text for the model, in the spec's code-result shape (spec §5.3): {@code completed} or
     * {@code failed}, then {@code \n[stdout]...[/stdout]} with the printed output followed by the final value, then
     * {@code \n[stderr]...[/stderr]} with the printed errors, the traceback and, after a reset, a note saying the
     * state is gone. Empty sections are left out; trailing whitespace inside a section is dropped.
     */
    public String toToolContent() {
        StringBuilder content = new StringBuilder(succeeded() ? "completed" : "failed");
        appendSection(content, "stdout", joinLines(stdout, value));
        String errors = joinLines(stderr, error == null ? null : error.tracebackText());
        appendSection(content, "stderr", joinLines(errors, stateReset ? RESET_NOTE : null));
        return content.toString();
    }

    private static String joinLines(String first, String second) {
        if (second == null || second.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return second;
        }
        return first.endsWith("\n") ? first + second : first + "\n" + second;
    }

    private static void appendSection(StringBuilder content, String tag, String text) {
        String trimmed = text.stripTrailing();
        if (!trimmed.isEmpty()) {
            content.append('\n').append('[').append(tag).append(']').append(trimmed)
                    .append("[/").append(tag).append(']');
        }
    }
}
