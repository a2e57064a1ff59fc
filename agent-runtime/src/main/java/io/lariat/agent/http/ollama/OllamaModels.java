package io.lariat.agent.http.ollama;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The model-listing bodies of the Ollama dialect: {@code /api/tags}, {@code /api/show}, {@code /api/version}. */
public final class OllamaModels {
    private OllamaModels() {
    }

    /** The body of {@code GET /api/tags}. */
    public record Tags(List<Tag> models) {
    }

    /** One model of {@code /api/tags}. */
    public record Tag(String name, String model, @JsonProperty("modified_at") String modifiedAt, long size,
                      String digest, Details details) {
    }

    /** What kind of model it is. */
    public record Details(@JsonProperty("parent_model") String parentModel, String format, String family,
                          List<String> families, @JsonProperty("parameter_size") String parameterSize,
                          @JsonProperty("quantization_level") String quantizationLevel) {
    }

    /** The body of {@code POST /api/show}; Ollama accepts the legacy {@code name} for {@code model}. */
    public record ShowRequest(String model, String name) {
        /** The model asked for. */
        public String reference() {
            return model != null ? model : name;
        }
    }

    /** The body answering {@code /api/show}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Show(String license, String template, Details details,
                       @JsonProperty("model_info") Map<String, Object> modelInfo, List<String> capabilities,
                       @JsonProperty("modified_at") String modifiedAt, String modelfile, String parameters,
                       String system) {
    }

    /** The body of {@code GET /api/ps}. */
    public record Running(List<RunningModel> models) {
    }

    /**
     * One loaded model of {@code /api/ps}; Lariat runs on the CPU, so {@code size_vram} is 0.
     *
     * @param expiresAt when it is unloaded unless used again (far in the future when kept for good)
     */
    public record RunningModel(String name, String model, long size, String digest, Details details,
                               @JsonProperty("expires_at") String expiresAt, @JsonProperty("size_vram") long sizeVram,
                               @JsonProperty("context_length") int contextLength) {
    }

    /** The body of {@code GET /api/version}. */
    public record Version(String version) {
    }
}
