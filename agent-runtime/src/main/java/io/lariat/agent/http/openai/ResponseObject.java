package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * OpenAI's response object ({@code "object": "response"}), as {@code POST /v1/responses} returns it and its stream's
 * {@code response.*} events carry it.
 *
 * @param status            {@code in_progress}, {@code completed} or {@code incomplete} (the token limit)
 * @param incompleteDetails {@code {"reason": "max_output_tokens"}} when incomplete, else null
 * @param output            the output items: at most one message, then the function calls
 * @param usage             null until the response is complete
 */
public record ResponseObject(String id, String object, @JsonProperty("created_at") long createdAt, String status,
                             Object error, @JsonProperty("incomplete_details") IncompleteDetails incompleteDetails,
                             String instructions, @JsonProperty("max_output_tokens") Integer maxOutputTokens,
                             String model, List<OutputItem> output,
                             @JsonProperty("parallel_tool_calls") boolean parallelToolCalls,
                             @JsonProperty("previous_response_id") String previousResponseId, boolean store,
                             Double temperature, JsonNode text, @JsonProperty("tool_choice") JsonNode toolChoice,
                             JsonNode tools, @JsonProperty("top_p") Double topP, String truncation, Usage usage,
                             String user, JsonNode metadata) {

    /** Copies the output. */
    public ResponseObject {
        output = List.copyOf(output);
    }

    /** This response with another status, output and usage (the stream's in-progress and final states). */
    public ResponseObject with(String newStatus, IncompleteDetails details, List<OutputItem> newOutput,
                               Usage newUsage) {
        return new ResponseObject(id, object, createdAt, newStatus, error, details, instructions, maxOutputTokens,
                model, newOutput, parallelToolCalls, previousResponseId, store, temperature, text, toolChoice,
                tools, topP, truncation, newUsage, user, metadata);
    }

    /** Why a response is incomplete. */
    public record IncompleteDetails(String reason) {
    }

    /** One output item. */
    public sealed interface OutputItem {
        /** The item's id. */
        String id();
    }

    /** The assistant's text, {@code {"type": "message", "role": "assistant", "content": [output_text]}}. */
    public record MessageItem(String type, String id, String status, String role, List<OutputText> content)
            implements OutputItem {
        /** A message with one text part. */
        public static MessageItem of(String id, String status, String text) {
            return new MessageItem("message", id, status, "assistant",
                    text == null ? List.of() : List.of(OutputText.of(text)));
        }
    }

    /** A text part of a message. */
    public record OutputText(String type, String text, List<Object> annotations) {
        /** A part holding {@code text}, without annotations. */
        public static OutputText of(String text) {
            return new OutputText("output_text", text, List.of());
        }
    }

    /** A call of a function tool; {@code arguments} is a JSON string, as in Chat Completions. */
    public record FunctionCallItem(String type, String id, @JsonProperty("call_id") String callId, String name,
                                   String arguments, String status) implements OutputItem {
        /** A function call item. */
        public static FunctionCallItem of(String id, String callId, String name, String arguments, String status) {
            return new FunctionCallItem("function_call", id, callId, name, arguments, status);
        }
    }

    /** Token counts; cached tokens are prompt tokens read from the KV cache instead of evaluated. */
    public record Usage(@JsonProperty("input_tokens") int inputTokens,
                        @JsonProperty("input_tokens_details") InputDetails inputTokensDetails,
                        @JsonProperty("output_tokens") int outputTokens,
                        @JsonProperty("output_tokens_details") OutputDetails outputTokensDetails,
                        @JsonProperty("total_tokens") int totalTokens) {
    }

    /** How many input tokens came from the cache. */
    public record InputDetails(@JsonProperty("cached_tokens") int cachedTokens) {
    }

    /** Reasoning tokens: always 0 (Llama 3.1 does not reason separately). */
    public record OutputDetails(@JsonProperty("reasoning_tokens") int reasoningTokens) {
    }
}
