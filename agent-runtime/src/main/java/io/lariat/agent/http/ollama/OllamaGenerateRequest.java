package io.lariat.agent.http.ollama;

/**
 * The body of {@code POST /api/generate}: one prompt, optionally with a system prompt; {@code stream} defaults to
 * true.
 *
 * @param raw true sends the prompt to the model as given: no chat template, no system prompt, special-token names
 *            such as {@code <|eot_id|>} read as special tokens
 * @param format {@code "json"} or a JSON Schema the answer must follow; absent for free text
 */
public record OllamaGenerateRequest(String model, String prompt, String system, Boolean raw, Boolean stream,
                                    OllamaOptions options, com.fasterxml.jackson.databind.JsonNode format) {

    /** Whether the response is streamed as NDJSON (the default). */
    public boolean streaming() {
        return stream == null || stream;
    }
}
