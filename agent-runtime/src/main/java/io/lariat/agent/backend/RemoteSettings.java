package io.lariat.agent.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link RemoteBackend} reaches an OpenAI-compatible server.
 *
 * @param baseUrl     the server, e.g. {@code http://localhost:8080} ({@code /v1/...} is appended)
 * @param model       the model name sent in each request
 * @param apiKey      bearer token, or null when the server needs none
 * @param mode        raw completions with Lariat's rendering, or chat completions with tools
 * @param timeout     limit of one request
 * @param contextSize the server's context window in tokens
 */
public record RemoteSettings(URI baseUrl, String model, String apiKey, Mode mode, Duration timeout,
                             int contextSize) {

    /** Which endpoint a remote turn uses. */
    public enum Mode {
        /**
         * {@code /v1/completions} with the prompt as token ids: Lariat's own rendering and raw replay; the server
         * must return special tokens in the text (vLLM with {@code skip_special_tokens=false}).
         */
        COMPLETIONS,
        /** {@code /v1/chat/completions} with the messages and tools: the server renders and parses calls. */
        CHAT
    }

    /** Checks the required parts. */
    public RemoteSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (contextSize < 1) {
            throw new IllegalArgumentException("contextSize must be positive: " + contextSize);
        }
    }
}
