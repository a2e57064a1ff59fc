package io.lariat.agent.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
            throw new ModelStoreException("manifest " + source + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("layers").isArray()) {
            throw new ModelStoreException("manifest " + source + " has no layers");
        }
        List<Layer> layers = new ArrayList<>();
        root.path("layers").forEach(node -> layers.add(layer(node)));
        JsonNode config = root.path("config");
        return new Manifest(config.isObject() ? layer(config) : null, layers);
    }

    /** The GGUF weights layer, if the manifest has one. */
    public Optional<Layer> modelLayer() {
        return layers.stream().filter(l -> MODEL_MEDIA_TYPE.equals(l.mediaType())).findFirst();
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
