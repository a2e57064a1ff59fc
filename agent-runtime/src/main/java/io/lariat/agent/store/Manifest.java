package io.lariat.agent.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Ollama (OCI image) manifest: the config blob and the layers, each named by its sha256 digest.
 *
 * @param config the config layer, or null when absent
 * @param layers the layers in order
 */
public record Manifest(Layer config, List<Layer> layers) {
    /** The media type of the GGUF weights layer. */
    public static final String MODEL_MEDIA_TYPE = "application/vnd.ollama.image.model";
    /** The media type of the prompt template layer (a Go template in Ollama's models). */
    public static final String TEMPLATE_MEDIA_TYPE = "application/vnd.ollama.image.template";
    /** The media type of the system prompt layer. */
    public static final String SYSTEM_MEDIA_TYPE = "application/vnd.ollama.image.system";
    /** The media type of the parameters layer (a JSON object, see {@link ModelParameters}). */
    public static final String PARAMS_MEDIA_TYPE = "application/vnd.ollama.image.params";
    /** The media type of a license layer. */
    public static final String LICENSE_MEDIA_TYPE = "application/vnd.ollama.image.license";
    /** The media type of the config blob. */
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json";
    /** The media type of the manifest itself. */
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public Manifest {
        layers = List.copyOf(layers);
    }

    /**
     * One blob of a manifest.
     *
     * @param mediaType what the blob holds
     * @param digest    {@code sha256:<64 hex>}
     * @param size      bytes
     */
    public record Layer(String mediaType, String digest, long size) {
        /** Checks the digest form. */
        public Layer {
            if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
                throw new ModelStoreException("invalid digest '" + digest + "' (expected sha256:<64 hex digits>)");
            }
            if (size < 0) {
                throw new ModelStoreException("negative size of blob " + digest);
            }
        }

        /** The blob's file name in a store: {@code sha256-<hex>}. */
        public String blobFileName() {
            return digest.replace(':', '-');
        }
    }

    /**
     * Parses manifest JSON.
     *
     * @throws ModelStoreException when it is not a manifest
     */
    public static Manifest parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelStoreException("the manifest of " + source + " is not JSON (it starts with "
                    + preview(json) + ")", e);
        }
        if (root == null || !root.path("layers").isArray()) {
            throw new ModelStoreException("the manifest of " + source + " has no layers");
        }
        List<Layer> layers = new ArrayList<>();
        root.path("layers").forEach(node -> layers.add(layer(node)));
        JsonNode config = root.path("config");
        return new Manifest(config.isObject() ? layer(config) : null, layers);
    }

    /** The first 40 characters of {@code bytes}, quoted, controls shown as spaces: safe for a one-line message. */
    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ");
        return bytes.length == 0 ? "nothing" : "'" + text + (bytes.length > 40 ? "…" : "") + "'";
    }

    /** The GGUF weights layer, if the manifest has one. */
    public Optional<Layer> modelLayer() {
        return layers.stream().filter(l -> MODEL_MEDIA_TYPE.equals(l.mediaType())).findFirst();
    }

    /** The layers of one media type, in order. */
    public List<Layer> layers(String mediaType) {
        return layers.stream().filter(l -> mediaType.equals(l.mediaType())).toList();
    }

    /** The manifest JSON Ollama writes for these blobs. */
    public byte[] toJson() {
        var root = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST_MEDIA_TYPE);
        if (config != null) {
            root.set("config", node(config));
        }
        var array = root.putArray("layers");
        layers.forEach(l -> array.add(node(l)));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode node(Layer layer) {
        return JSON.createObjectNode().put("mediaType", layer.mediaType()).put("digest", layer.digest())
                .put("size", layer.size());
    }

    /** Every blob: the config first, then the layers. */
    public List<Layer> blobs() {
        List<Layer> all = new ArrayList<>();
        if (config != null) {
            all.add(config);
        }
        all.addAll(layers);
        return all;
    }

    private static Layer layer(JsonNode node) {
        return new Layer(node.path("mediaType").asText(""), node.path("digest").asText(null),
                node.path("size").asLong(-1));
    }
}
