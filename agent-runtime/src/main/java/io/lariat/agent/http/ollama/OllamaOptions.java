package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ollama's {@code options}: the model parameters a request may set; absent ones are null.
 *
 * @param numCtx     context window in tokens (at most the model's)
 * @param numPredict tokens to generate; -1 (default) or -2 mean until the context is full
 * @param stop       stop strings (a string or an array)
 */
public record OllamaOptions(Double temperature, @JsonProperty("top_p") Double topP, @JsonProperty("num_ctx") Integer numCtx,
                            @JsonProperty("num_predict") Integer numPredict, Long seed, JsonNode stop) {
}
