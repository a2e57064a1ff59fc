package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/responses} (OpenAI's Responses API) as sent; fields whose JSON type varies stay
 * {@link JsonNode}s and are checked by {@link ResponsesMapping}. Absent fields are null.
 *
 * @param input              a string (one user message) or an array of items: messages ({@code role} and
 *                           {@code content}, a string or {@code input_text}/{@code output_text} parts),
 *                           {@code function_call} and {@code function_call_output}
 * @param instructions       a system message placed first; not carried over by {@code previous_response_id}
 * @param tools              function tools, {@code {"type": "function", "name", "description", "parameters"}}
 * @param toolChoice         {@code "auto"}, {@code "none"}, {@code "required"} or {@code {"type": "function",
 *                           "name": ...}}
 * @param maxOutputTokens    tokens to generate at most
 * @param text               {@code {"format": {"type": "text" | "json_object" | "json_schema", "name", "schema",
 *                           "strict"}}}
 * @param previousResponseId a stored response whose conversation (input and output) this one continues
 * @param store              whether this response is kept for {@code previous_response_id} and {@code GET}
 *                           (default true)
 * @param parallelToolCalls  false keeps at most one call per response
 * @param metadata           up to 16 string pairs, echoed and stored
 * @param truncation         {@code "disabled"} (the default; {@code "auto"} is not supported)
 * @param background         true is not supported
 * @param reasoning          Llama 3.1 does not reason separately: an effort or summary is not supported
 * @param include            extra output data; none is produced beyond the defaults
 */
public record ResponsesRequest(String model, JsonNode input, String instructions, JsonNode tools,
                               @JsonProperty("tool_choice") JsonNode toolChoice, Double temperature,
                               @JsonProperty("top_p") Double topP,
                               @JsonProperty("max_output_tokens") Integer maxOutputTokens, Boolean stream,
                               JsonNode text, @JsonProperty("previous_response_id") String previousResponseId,
                               Boolean store, @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
                               JsonNode metadata, String truncation, Boolean background, JsonNode reasoning,
                               JsonNode include, String user) {

    /** Whether the response is streamed as server-sent events (default false). */
    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** Whether the response is kept (default true). */
    public boolean stored() {
        return !Boolean.FALSE.equals(store);
    }

    /** Whether the model may return more than one call (default true). */
    public boolean parallelCalls() {
        return !Boolean.FALSE.equals(parallelToolCalls);
    }
}
