package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lariat.agent.http.LogprobWire;

import java.util.List;

/**
 * One NDJSON line of {@code /api/chat} (or its single response): a message piece while {@code done} is false; the
 * final line has {@code done_reason} and the statistics, durations in nanoseconds.
 *
 * @param promptEvalCount prompt tokens evaluated now; tokens reused from the cache are not counted
 * @param logprobs        the log probabilities of this line's content tokens (all of them in a single response),
 *                        when the request asked for them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OllamaChatChunk(String model, @JsonProperty("created_at") String createdAt, Message message,
                              boolean done, @JsonProperty("done_reason") String doneReason,
                              @JsonProperty("total_duration") Long totalDuration,
                              @JsonProperty("load_duration") Long loadDuration,
                              @JsonProperty("prompt_eval_count") Integer promptEvalCount,
                              @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
                              @JsonProperty("eval_count") Integer evalCount,
                              @JsonProperty("eval_duration") Long evalDuration,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LogprobWire> logprobs) {

    /** The assistant message or its piece. */
    public record Message(String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY)
                          @JsonProperty("tool_calls") List<ToolCallWire> toolCalls) {
    }

    /** A tool call; arguments are a JSON object, as Ollama sends them. */
    public record ToolCallWire(Function function) {
    }

    /** The called function; {@code index} is its place among the turn's calls, as Ollama numbers them. */
    public record Function(int index, String name, ObjectNode arguments) {
    }
}
