package io.lariat.tools;

import io.lariat.json.PythonJson;
import io.lariat.tools.binding.JsonBinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Turns a tool's return value or failure into the text the model reads, and caps its size.
 *
 * <p>Strings pass through raw, {@code void} becomes {@code completed}, a {@link ToolResult} is the tool's own verdict
 * (success or error) and passes through, anything else becomes compact JSON (spec §5.3). Failures become one line that says what happened. Thread-safe.
 */
final class ResultRendering {

    private final ToolMethod tool;
    private final ToolOptions options;

    ResultRendering(ToolMethod tool, ToolOptions options) {
        this.tool = tool;
        this.options = options;
    }

    ToolResult success(Object value) {
        if (value == null) {
            return ToolResult.success(tool.returnsVoid() ? "completed" : "null");
        }
        if (value instanceof ToolResult result) {
            return result;
        }
        if (value instanceof CharSequence text) {
            return ToolResult.success(text.toString());
        }
        try {
            return ToolResult.success(PythonJson.dumps(JsonBinding.mapper().valueToTree(value)));
        } catch (IllegalArgumentException e) {
            return ToolResult.error("tool '" + name() + "' returned a " + value.getClass().getSimpleName()
                    + " that cannot be written as JSON: " + e.getMessage());
        }
    }

    ToolResult failure(Throwable error) {
        Throwable cause = unwrap(error);
        String message = switch (cause) {
            case TimeoutException t -> "tool '" + name() + "' timed out after " + format(tool.timeout());
            case BulkheadException b -> "tool '" + name() + "' is busy (" + options.maxConcurrentCalls()
                    + " calls running, queue full); try again later";
            case CircuitBreakerOpenException c -> "tool '" + name() + "' is unavailable after repeated "
                    + "failures (circuit breaker open); try again later";
            case CancellationException c -> "tool '" + name() + "' was cancelled";
            case ToolException t -> "tool '" + name() + "': " + t.getMessage();
            case ToolMethod.ToolFailure f -> "tool '" + name() + "' failed: " + f.getMessage();
            default -> "tool '" + name() + "' failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        };
        return ToolResult.error(message);
    }

    /** The result with its content cut to the output limit, saying so, when it is longer. */
    ToolResult capped(ToolResult result) {
        return capped(result, options.maxOutputBytes());
    }

    static ToolResult capped(ToolResult result, int maxBytes) {
        byte[] bytes = result.content().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return result;
        }
        String note = "\n[truncated: the result was " + bytes.length + " bytes; the limit is " + maxBytes
                + " bytes]";
        int budget = maxBytes - note.getBytes(StandardCharsets.UTF_8).length;
        String content = result.content();
        int used = 0;
        int end = 0;
        while (end < content.length()) {
            int cp = content.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return new ToolResult(content.substring(0, end) + note, result.error(), result.elapsed());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private String name() {
        return tool.definition().name();
    }

    /** {@code 30s}, {@code 1.5s} or {@code 250ms}: short, the way a person writes a limit. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
        }
        return (millis / 1000) + "s";
    }
}
