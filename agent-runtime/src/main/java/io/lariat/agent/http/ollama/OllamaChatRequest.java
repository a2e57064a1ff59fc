package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/chat}; {@code stream} defaults to true.
 *
 * @param messages role/content objects; assistant {@code tool_calls} carry arguments as JSON objects
 * @param tools    function definitions, as OpenAI's
 * @param format   {@code "json"} or a JSON Schema the answer must follow; absent for free text
 */
public record OllamaChatRequest(String model, JsonNode messages, JsonNode tools, Boolean stream,
                                OllamaOptions options, JsonNode format) {

    /** Whether the response is streamed as NDJSON (the default). */
    public boolean streaming() {
        return stream == null || stream;
    }
}
