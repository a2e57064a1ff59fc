package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The bodies of Ollama's model-management endpoints: {@code /api/delete}, {@code /api/copy}, {@code /api/pull} and
 * {@code /api/create}.
 */
public final class OllamaStoreBodies {
    private OllamaStoreBodies() {
    }

    /** The body of {@code DELETE /api/delete}; Ollama accepts the legacy {@code name} for {@code model}. */
    public record DeleteRequest(String model, String name) {
        /** The model to delete. */
        public String reference() {
            return model != null ? model : name;
        }
    }

    /** The body of {@code POST /api/copy}. */
    public record CopyRequest(String source, String destination) {
    }

    /**
     * The body of {@code POST /api/pull}.
     *
     * @param insecure download over {@code http://} instead of {@code https://}
     * @param stream   progress objects as NDJSON (default), or one status at the end when false
     */
    public record PullRequest(String model, String name, Boolean insecure, Boolean stream) {
        /** The model to pull. */
        public String reference() {
            return model != null ? model : name;
        }
    }

    /**
     * The body of {@code POST /api/create}, Ollama's current API.
     *
     * @param from       a stored model to start from
     * @param files      file names to digests of uploaded GGUF blobs ({@code POST /api/blobs/:digest})
     * @param license    a string or an array of strings
     * @param parameters Ollama's option names to values ({@code stop} an array)
     * @param modelfile  Ollama's former API (refused: it may name files)
     */
    public record CreateRequest(String model, String from, Map<String, String> files, Map<String, String> adapters,
                                String template, JsonNode license, String system, Map<String, JsonNode> parameters,
                                List<JsonNode> messages, Boolean stream, String quantize, String modelfile,
                                String path) {
    }

    /**
     * One progress object of {@code /api/pull} or {@code /api/create}; the byte counts only while a blob downloads.
     *
     * @param digest    the blob being downloaded
     * @param total     its size in bytes
     * @param completed its bytes present so far
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(String status, String digest, Long total, Long completed) {
        /** A step without byte counts. */
        public static Progress of(String status) {
            return new Progress(status, null, null, null);
        }
    }
}
