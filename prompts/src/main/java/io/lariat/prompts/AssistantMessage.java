package io.lariat.prompts;

import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.Stop;
import io.lariat.prompts.parse.ToolCall;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An assistant turn: text, tool calls, or both, with the token ids it was sampled as when known.
 *
 * <p>When {@code sampledIds} is present the formatter replays exactly those ids followed by the end token (spec §11
 * raw replay), and the text and calls only describe the turn. The array is defensively copied on the way in and out.
 *
 * @param content    the text of the turn, or null when the turn is only tool calls
 * @param toolCalls  the calls of the turn in order, never null (empty for a plain answer)
 * @param sampledIds the ids the model generated, excluding the stop token, or null when unknown
 * @param end        how the turn ended: {@link End#EOM} for a call awaiting a result, else {@link End#EOT}
 */
public record AssistantMessage(String content, List<ToolCall> toolCalls, int[] sampledIds, End end)
        implements Message {

    /** The terminator an assistant turn ended with. */
    public enum End {
        /** {@code <|eom_id|>}: the model paused for a tool result. */
        EOM,
        /** {@code <|eot_id|>}: the turn is finished. */
        EOT
    }

    /** Copies the lists and arrays and checks the required parts. */
    public AssistantMessage {
        toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
        sampledIds = sampledIds == null ? null : sampledIds.clone();
        Objects.requireNonNull(end, "end");
    }

    /** A plain text answer that ended with {@code <|eot_id|>}. */
    public static AssistantMessage text(String content) {
        return new AssistantMessage(content, List.of(), null, End.EOT);
    }

    /** A turn of tool calls without text; it ended with {@code <|eom_id|>} as calls in ipython mode do. */
    public static AssistantMessage calls(List<ToolCall> toolCalls) {
        return new AssistantMessage(null, toolCalls, null, End.EOM);
    }

    /**
     * The turn the model just generated, for raw replay: its parsed content and calls plus the ids it sampled
     * (without the stop token). The end follows the stop: eom stays eom; eot, end-of-text and a truncated turn end
     * with eot.
     */
    public static AssistantMessage sampled(ParsedTurn turn, int[] sampledIds) {
        Objects.requireNonNull(sampledIds, "sampledIds");
        return new AssistantMessage(turn.content(), turn.calls(), sampledIds,
                turn.stop() == Stop.EOM ? End.EOM : End.EOT);
    }

    @Override
    public int[] sampledIds() {
        return sampledIds == null ? null : sampledIds.clone();
    }

    @Override
    public String headerRole() {
        return "assistant";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssistantMessage that
                && Objects.equals(content, that.content)
                && toolCalls.equals(that.toolCalls)
                && Arrays.equals(sampledIds, that.sampledIds)
                && end == that.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(content, toolCalls, Arrays.hashCode(sampledIds), end);
    }

    @Override
    public String toString() {
        return "AssistantMessage[content=" + content + ", toolCalls=" + toolCalls
                + ", sampledIds=" + Arrays.toString(sampledIds) + ", end=" + end + "]";
    }
}
