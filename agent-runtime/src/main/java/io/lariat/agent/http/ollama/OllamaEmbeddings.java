package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The bodies of Ollama's {@code /api/embed} and legacy {@code /api/embeddings}. */
public final class OllamaEmbeddings {
    private OllamaEmbeddings() {
    }

    /**
     * The body of {@code POST /api/embed}.
     *
     * @param input      a string or an array of strings
     * @param truncate   cut inputs longer than the context (default true); false refuses them
     * @param dimensions keep only this many leading components (then normalised again)
     */
    public record EmbedRequest(String model, JsonNode input, Boolean truncate, Integer dimensions,
                               @JsonProperty("keep_alive") JsonNode keepAlive, OllamaOptions options) {
    }

    /** The answer of {@code /api/embed}: unit-length vectors, durations in nanoseconds. */
    public record EmbedResponse(String model, List<float[]> embeddings,
                                @JsonProperty("total_duration") long totalDuration,
                                @JsonProperty("load_duration") long loadDuration,
                                @JsonProperty("prompt_eval_count") int promptEvalCount) {
    }

    /** The body of the legacy {@code POST /api/embeddings}: one prompt. */
    public record EmbeddingsRequest(String model, String prompt, @JsonProperty("keep_alive") JsonNode keepAlive,
                                    OllamaOptions options) {
    }

    /** The answer of {@code /api/embeddings}: one vector, not normalised (as Ollama's). */
    public record EmbeddingsResponse(float[] embedding) {
    }
}
