package io.lariat.agent.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters layer ({@code application/vnd.ollama.image.params}): Modelfile {@code PARAMETER}s as the JSON object
 * Ollama stores, {@code stop} as an array, numbers as numbers. Only Ollama's documented option names are accepted.
 */
public final class ModelParameters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INTEGERS = Set.of("num_ctx", "top_k", "repeat_last_n", "seed", "num_predict",
            "num_keep", "num_thread", "num_batch", "num_gpu", "mirostat");
    private static final Set<String> NUMBERS = Set.of("temperature", "top_p", "min_p", "repeat_penalty",
            "presence_penalty", "frequency_penalty", "typical_p", "tfs_z", "mirostat_tau", "mirostat_eta");
    private static final Set<String> BOOLEANS = Set.of("penalize_newline", "use_mmap", "numa");

    private ModelParameters() {
    }

    /**
     * The JSON of {@code parameters}.
     *
     * @throws ModelStoreException naming an unknown parameter or a value of the wrong type
     */
    public static byte[] toJson(List<Modelfile.Parameter> parameters) {
        ObjectNode root = JSON.createObjectNode();
        for (Modelfile.Parameter p : parameters) {
            String name = p.name();
            try {
                if (name.equals("stop")) {
                    (root.has("stop") ? (ArrayNode) root.get("stop") : root.putArray("stop")).add(p.value());
                } else if (INTEGERS.contains(name)) {
                    root.put(name, Long.parseLong(p.value()));
                } else if (NUMBERS.contains(name)) {
                    root.put(name, Double.parseDouble(p.value()));
                } else if (BOOLEANS.contains(name) && p.value().matches("true|false")) {
                    root.put(name, Boolean.parseBoolean(p.value()));
                } else {
                    throw new ModelStoreException(BOOLEANS.contains(name) ? "parameter '" + name
                            + "' must be true or false, got '" + p.value() + "'" : "unknown parameter '" + name + "'");
                }
            } catch (NumberFormatException e) {
                throw new ModelStoreException("parameter '" + name + "' must be a number, got '" + p.value() + "'");
            }
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The parameters of a stored parameters layer, in its order ({@code stop} once per value). */
    public static List<Modelfile.Parameter> fromJson(byte[] json) {
        List<Modelfile.Parameter> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelStoreException("a parameters layer is not JSON", e);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> out.add(new Modelfile.Parameter(field.getKey(), v.asText())));
            } else {
                out.add(new Modelfile.Parameter(field.getKey(), field.getValue().asText()));
            }
        }
        return out;
    }
}
