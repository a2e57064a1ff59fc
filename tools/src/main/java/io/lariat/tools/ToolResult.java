package io.lariat.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one tool call, ready to be given back to the model.
 *
 * <p>For a success, {@code content} is the tool's text or compact JSON; for an error, it is a one-line explanation
 * the model can act on (a bad argument's JSON path, a timeout, the exception message). Use {@link #modelText()} for
 * the text of the {@code ipython} message (spec §5.3).
 *
 * @param content result text, never null
 * @param error whether the call failed
 * @param elapsed wall time of the call, zero when the tool never ran
 */
public record ToolResult(String content, boolean error, Duration elapsed) {
    private static final String FAILED = "failed";

    /** Checks that no component is null. */
    public ToolResult {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** A successful result. */
    public static ToolResult success(String content) {
        return new ToolResult(content, false, Duration.ZERO);
    }

    /** A failed result carrying a message the model can act on. */
    public static ToolResult error(String message) {
        return new ToolResult(message, true, Duration.ZERO);
    }

    /** This result with the given elapsed time. */
    public ToolResult withElapsed(Duration newElapsed) {
        return new ToolResult(content, error, newElapsed);
    }

    /**
     * The text to put in the {@code ipython} message: the content for a success, and
     * {@code failed↵[stderr]message[/stderr]} for an error (spec §5.3), unless the error's content already has that
     * code-result shape ({@code failed} alone or followed by a {@code [stdout]}/{@code [stderr]} section, as the
     * code interpreter reports a Python exception), which is given as is.
     */
    public String modelText() {
        if (!error || content.equals(FAILED) || content.startsWith(FAILED + "\n[stdout]")
                || content.startsWith(FAILED + "\n[stderr]")) {
            return content;
        }
        return FAILED + "\n[stderr]" + content + "[/stderr]";
    }

    /** This result as JSON: {@code {"content", "error", "elapsed_ms"}} (for the CLI and logs). */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("content", content);
        json.put("error", error);
        json.put("elapsed_ms", elapsed.toMillis());
        return json;
    }
}
