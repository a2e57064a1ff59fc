package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/chat/completions} as sent; fields whose JSON type varies stay {@link JsonNode}s and
 * are checked by {@link OpenAiMapping}. Absent fields are null.
 *
 * @param messages            the conversation (array of role/content objects)
 * @param tools               function definitions
 * @param toolChoice          {@code "auto"}, {@code "none"}, {@code "required"} or {@code {"type": "function",
 *                            "function": {"name": ...}}}
 * @param maxTokens           legacy name of {@code max_completion_tokens}
 * @param stop                a string or an array of up to four strings
 * @param streamOptions       {@code {"include_usage": true}} adds a usage chunk before {@code [DONE]}
 * @param n                   choices to generate; only 1 is served
 * @param logprobs            whether to return the log probability of each content token
 * @param topLogprobs         how many most likely alternatives (0-20) to return with each, with {@code logprobs}
 * @param responseFormat      {@code {"type": "text"}}, {@code {"type": "json_object"}} or {@code {"type":
 *                            "json_schema", "json_schema": {"name": ..., "schema": ..., "strict": true}}}
 */
public record ChatCompletionRequest(String model, JsonNode messages, JsonNode tools,
                                    @JsonProperty("tool_choice") JsonNode toolChoice, Double temperature,
                                    @JsonProperty("top_p") Double topP,
                                    @JsonProperty("max_tokens") Integer maxTokens,
                                    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
                                    JsonNode stop, Long seed, Boolean stream,
                                    @JsonProperty("stream_options") StreamOptions streamOptions, Integer n,
                                    Boolean logprobs, @JsonProperty("top_logprobs") Integer topLogprobs,
                                    @JsonProperty("response_format") JsonNode responseFormat) {

    /** Options of a streamed response. */
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    /** Whether the response is streamed (default false). */
    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** Whether a streamed response ends with a usage chunk. */
    public boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
