package io.lariat.agent.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A model found in a {@link ModelStore}.
 *
 * @param store        the store holding it
 * @param name         its full name
 * @param manifestFile its manifest
 * @param manifest     the parsed manifest
 * @param modelBlob    the GGUF blob of its model layer
 * @param size         bytes of all its blobs
 * @param modified     when the manifest was written
 */
public record StoredModel(ModelStore store, ModelName name, Path manifestFile, Manifest manifest, Path modelBlob,
                          long size, Instant modified) {

    /** The short id {@code list} shows: the first 12 hex digits of the model layer's digest. */
    public String shortId() {
        return manifest.modelLayer().map(l -> l.digest().substring("sha256:".length(), "sha256:".length() + 12))
                .orElse("");
    }
}
