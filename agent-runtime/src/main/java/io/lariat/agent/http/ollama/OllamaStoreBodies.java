package io.lariat.agent.http.ollama;

/** The bodies of Ollama's model-management endpoints: {@code /api/delete} and {@code /api/copy}. */
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
}
