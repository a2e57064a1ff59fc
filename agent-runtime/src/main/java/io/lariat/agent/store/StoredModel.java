package io.lariat.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** The text of the first layer of {@code mediaType} (template, system), if the model has one. */
    public Optional<String> text(String mediaType) {
        return manifest.layers(mediaType).stream().findFirst().map(this::read);
    }

    /** The texts of every license layer. */
    public List<String> licenses() {
        return manifest.layers(Manifest.LICENSE_MEDIA_TYPE).stream().map(this::read).toList();
    }

    /** The parameters of its parameters layer, none without one. */
    public List<Modelfile.Parameter> parameters() {
        return manifest.layers(Manifest.PARAMS_MEDIA_TYPE).stream().findFirst()
                .map(l -> ModelParameters.fromJson(read(l).getBytes(StandardCharsets.UTF_8))).orElse(List.of());
    }

    /** The Modelfile that recreates this model, {@code FROM} its weights blob (as {@code ollama show --modelfile}). */
    public Modelfile modelfile() {
        return new Modelfile(String.valueOf(modelBlob), text(Manifest.SYSTEM_MEDIA_TYPE).orElse(null),
                text(Manifest.TEMPLATE_MEDIA_TYPE).orElse(null), licenses(), parameters());
    }

    private String read(Manifest.Layer layer) {
        try {
            return Files.readString(store.blob(layer), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
