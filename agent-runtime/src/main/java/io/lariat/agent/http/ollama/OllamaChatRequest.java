package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/chat}; {@code stream} defaults to true.
 *
 * @param messages role/content objects; assistant {@code tool_calls} carry arguments as JSON objects
 * @param tools     function definitions, as OpenAI's
 * @param keepAlive how long the model stays loaded afterwards ({@link io.lariat.agent.http.KeepAlive})
 * @param format    {@code "json"} or a JSON Schema the answer must follow; absent for free text
 * @param logprobs  whether each line carries the log probabilities of its tokens
 * @param topLogprobs how many most likely alternatives (0-20) to give with each, with {@code logprobs}
 */
public record OllamaChatRequest(String model, JsonNode messages, JsonNode tools, Boolean stream,
                                OllamaOptions options, @JsonProperty("keep_alive") JsonNode keepAlive,
                                JsonNode format, Boolean logprobs,
                                @JsonProperty("top_logprobs") Integer topLogprobs) {

    /** Whether the request only loads or unloads the model: it has no messages. */
    public boolean loadsOnly() {
        return messages == null || messages.isNull() || (messages.isArray() && messages.isEmpty());
    }

    /** Whether the response is streamed as NDJSON (the default). */
    public boolean streaming() {
        return stream == null || stream;
    }
}
