package io.lariat.agent.http.ollama;

/**
 * The body of {@code POST /api/generate}: one prompt, optionally with a system prompt; {@code stream} defaults to
 * true.
 *
 * @param raw true asks for the prompt without the chat template, which Lariat does not offer (a 400)
 */
public record OllamaGenerateRequest(String model, String prompt, String system, Boolean raw, Boolean stream,
                                    OllamaOptions options) {

    /** Whether the response is streamed as NDJSON (the default). */
    public boolean streaming() {
        return stream == null || stream;
    }
}
