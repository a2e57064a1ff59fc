package io.lariat.prompts;

import java.util.Objects;

/**
 * The result of one tool call, written under the {@code ipython} header and terminated by {@code <|eot_id|>}.
 *
 * <p>The prompt has no call ids: results match calls by order (spec §2.1), so {@code callId} and {@code toolName}
 * are bookkeeping for the runtime and never rendered. The content is never trimmed.
 *
 * @param callId   the runtime's id of the call this answers, or null when unknown
 * @param toolName the name of the tool that produced the result, or null when unknown
 * @param content    the result text exactly as it is to be written, never null
 * @param structured whether the content is a JSON document the tool returned as data rather than plain text; only
 *                   the HF layout cares, because the official template quotes a string result but not an object
 */
public record ToolResultMessage(String callId, String toolName, String content, boolean structured)
        implements Message {

    /** Checks the content is present. */
    public ToolResultMessage {
        Objects.requireNonNull(content, "content");
    }

    /** A plain-text result. */
    public ToolResultMessage(String callId, String toolName, String content) {
        this(callId, toolName, content, false);
    }

    @Override
    public String headerRole() {
        return "ipython";
    }
}
