package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lariat.agent.http.LogprobWire;

import java.util.List;

/** A non-streamed chat completion: one choice with the assistant message, and the usage. */
public record ChatCompletionResponse(String id, String object, long created, String model, List<Choice> choices,
                                     Usage usage) {

    /** The one choice Lariat generates; {@code logprobs} is null (and written so) unless the request asked. */
    public record Choice(int index, AssistantMessage message,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Logprobs logprobs,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /** The log-probabilities of a choice's content tokens, or of one chunk's. */
    public record Logprobs(List<LogprobWire> content) {
    }

    /** The assistant's answer: text, or calls with {@code content} null. */
    public record AssistantMessage(String role, String content,
                                   @JsonInclude(JsonInclude.Include.NON_EMPTY)
                                   @JsonProperty("tool_calls") List<ToolCallWire> toolCalls) {
    }

    /** A tool call; {@code arguments} is a JSON document as a string, as OpenAI sends it. */
    public record ToolCallWire(@JsonInclude(JsonInclude.Include.NON_NULL) Integer index, String id, String type,
                               FunctionCall function) {
    }

    /** The called function. */
    public record FunctionCall(String name, String arguments) {
    }

    /** Token counts. */
    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                        @JsonProperty("completion_tokens") int completionTokens,
                        @JsonProperty("total_tokens") int totalTokens) {
    }
}
