package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One SSE chunk of a streamed chat completion: a content delta, tool-call deltas, the finish, or (with
 * {@code include_usage}) the usage with no choices.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
                                  ChatCompletionResponse.Usage usage) {

    /**
     * The delta of the one choice; {@code logprobs} and {@code finish_reason} are written (as null) on every chunk,
     * as OpenAI does.
     */
    public record ChunkChoice(int index, Delta delta,
                              @JsonInclude(JsonInclude.Include.ALWAYS) ChatCompletionResponse.Logprobs logprobs,
                              @JsonInclude(JsonInclude.Include.ALWAYS)
                              @JsonProperty("finish_reason") String finishReason) {
    }

    /** What this chunk adds to the message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content,
                        @JsonProperty("tool_calls") List<ChatCompletionResponse.ToolCallWire> toolCalls) {
    }
}
