package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/generate}: one prompt, optionally with a system prompt; {@code stream} defaults to
 * true.
 *
 * @param raw true sends the prompt to the model as given: no chat template, no system prompt, special-token names
 *            such as {@code <|eot_id|>} read as special tokens
 * @param keepAlive how long the model stays loaded afterwards ({@link io.lariat.agent.http.KeepAlive})
 * @param format    {@code "json"} or a JSON Schema the answer must follow; absent for free text
 * @param logprobs  whether each line carries the log probabilities of its tokens
 * @param topLogprobs how many most likely alternatives (0-20) to give with each, with {@code logprobs}
 */
public record OllamaGenerateRequest(String model, String prompt, String system, Boolean raw, Boolean stream,
                                    OllamaOptions options, @JsonProperty("keep_alive") JsonNode keepAlive,
                                    JsonNode format, Boolean logprobs,
                                    @JsonProperty("top_logprobs") Integer topLogprobs) {

    /** Whether the request only loads or unloads the model: it has no prompt. */
    public boolean loadsOnly() {
        return prompt == null || prompt.isEmpty();
    }

    /** Whether the response is streamed as NDJSON (the default). */
    public boolean streaming() {
        return stream == null || stream;
    }
}
