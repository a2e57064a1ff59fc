package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.InvalidRequestException;

import io.lariat.agent.http.ollama.OllamaStoreBodies;
import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStoreException;
import io.lariat.agent.store.StoredModel;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Ollama's model management over the model stores: {@code /api/delete} and {@code /api/copy} change Lariat's store
 * (Ollama's is read only: a model there is copied into Lariat's). {@link OllamaPullResource} pulls and
 * {@link OllamaCreateResource} creates.
 */
@Path("/api")
@Tag(name = "Ollama")
public class OllamaStoreResource {
    @Inject
    StoredModels stored;

    @Inject
    ServedModels models;

    /** Deletes a model of Lariat's store; 404 when it has none of exactly that name. */
    @DELETE
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete a model (Ollama-compatible)")
    public void delete(OllamaStoreBodies.DeleteRequest body) {
        ModelName name = name(body == null ? null : body.reference(), "$.model");
        if (stored.stores().lariat().find(name).isEmpty()) {
            // Ollama's store is read only: a model only there is not Lariat's to delete
            throw new ResourceNotFoundException("model", name.display());
        }
        models.lookup(name.display()).ifPresent(m -> models.unload(m.name()));
        stored.stores().lariat().remove(name);
    }

    /** Copies a model under a new name in Lariat's store; the blobs are shared, only a manifest is written. */
    @POST
    @Path("/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy a model (Ollama-compatible)")
    public void copy(OllamaStoreBodies.CopyRequest body) {
        ModelName source = name(body == null ? null : body.source(), "$.source");
        ModelName destination = name(body.destination(), "$.destination");
        StoredModel model = stored.stores().find(source).orElseThrow(() -> new ResourceNotFoundException("model",
                source.display()));
        try {
            if (model.store() != stored.stores().lariat()) {
                for (var layer : model.manifest().blobs()) {
                    java.nio.file.Path target = stored.stores().lariat().blob(layer);
                    Files.createDirectories(target.getParent());
                    if (!Files.exists(target)) {
                        Files.copy(model.store().blob(layer), target);
                    }
                }
            }
            stored.stores().lariat().writeManifest(destination, Files.readAllBytes(model.manifestFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model name at {@code path}; 400 when it is absent or not a name. */
    static ModelName name(String text, String path) {
        String value = WireValues.model(text, path);
        try {
            return ModelName.parse(value);
        } catch (ModelStoreException e) {
            throw InvalidRequestException.badValue(path, e.getMessage());
        }
    }
}
