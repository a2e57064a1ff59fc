package io.lariat.agent.http;

import io.lariat.agent.UnsupportedFeatureException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.http.ollama.OllamaStoreBodies;
import io.lariat.agent.store.Manifest;
import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStoreException;
import io.lariat.agent.store.ModelWriter;
import io.lariat.agent.store.Modelfile;
import io.lariat.agent.store.UploadedBlobs;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ollama's current {@code POST /api/create} and its blob uploads ({@code HEAD}/{@code POST /api/blobs/:digest}):
 * a model is made from a stored model ({@code from}) or an uploaded GGUF blob ({@code files}), with
 * {@code system}, {@code template}, {@code parameters} and {@code license}, written into Lariat's store by
 * {@link ModelWriter} in Ollama's layout.
 *
 * <p>A request never makes the server open a file it names: {@code from} must be a model name and {@code files}
 * map to digests of blobs the client uploaded. Uploads are bounded by {@code quarkus.http.limits.max-body-size}.
 * The model is written before the response begins, so any failure sets the status; the streamed form then lists
 * the steps taken.
 */
@Path("/api")
@Tag(name = "Ollama")
public class OllamaCreateResource {
    @Inject
    StoredModels stored;

    @Inject
    ServedModels models;

    /** 200 when the store holds the blob, 404 when not (Ollama's check before an upload). */
    @HEAD
    @Path("/blobs/{digest}")
    @Operation(summary = "Whether a blob exists (Ollama-compatible)")
    public Response blobExists(@PathParam("digest") String digest) {
        return Response.status(blobs(digest).exists(digest) ? 200 : 404).build();
    }

    /** Stores the body as the blob {@code digest}: 201, or 400 when the body's sha256 is another. */
    @POST
    @Path("/blobs/{digest}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a blob (Ollama-compatible)")
    public Response upload(@PathParam("digest") String digest, InputStream body) {
        UploadedBlobs blobs = blobs(digest);
        try {
            blobs.put(digest, body);
        } catch (ModelStoreException e) {
            throw InvalidRequestException.badValue(null, e.getMessage());
        }
        return Response.status(201).build();
    }

    /** Creates a model; NDJSON status objects, or one {@code {"status":"success"}} with {@code "stream": false}. */
    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model (Ollama-compatible)")
    public Response create(OllamaStoreBodies.CreateRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        ModelName name = OllamaStoreResource.name(body.model(), "$.model");
        refuseUnsupported(body);
        List<String> steps = new ArrayList<>();
        List<Manifest.Layer> base = base(body, steps);
        Modelfile parts = new Modelfile(name.display(), body.system(), body.template(), licenses(body.license()),
                parameters(body.parameters()));
        try {
            new ModelWriter(stored.stores()).create(name, parts, base, steps::add);
        } catch (ModelStoreException e) {
            throw InvalidRequestException.badValue("$.parameters", e.getMessage());
        }
        // a loaded model of that name is the old one: unload it, so the next request loads the new one
        models.lookup(name.display()).ifPresent(m -> models.unload(m.name()));
        steps.add("success");
        if (Boolean.FALSE.equals(body.stream())) {
            return Response.ok(Json.write(OllamaStoreBodies.Progress.of("success")), MediaType.APPLICATION_JSON)
                    .build();
        }
        StringBuilder lines = new StringBuilder();
        steps.forEach(step -> lines.append(Json.write(OllamaStoreBodies.Progress.of(step))).append('\n'));
        return Response.ok(lines.toString(), OllamaResource.NDJSON).build();
    }

    private static void refuseUnsupported(OllamaStoreBodies.CreateRequest body) {
        if (body.modelfile() != null || body.path() != null) {
            throw InvalidRequestException.badValue(body.modelfile() != null ? "$.modelfile" : "$.path",
                    "Ollama's former create API (a Modelfile, which may name server files) is not accepted; send "
                            + "from or files, with system, template, parameters and license");
        }
        if (body.quantize() != null) {
            throw new UnsupportedFeatureException("$.quantize", "quantizing a model");
        }
        if (body.adapters() != null && !body.adapters().isEmpty()) {
            throw new UnsupportedFeatureException("$.adapters", "LoRA adapters");
        }
        if (body.messages() != null && !body.messages().isEmpty()) {
            throw new UnsupportedFeatureException("$.messages", "messages stored in a model");
        }
    }

    /** The base layers: the stored model {@code from}, or the one uploaded GGUF blob of {@code files}. */
    private List<Manifest.Layer> base(OllamaStoreBodies.CreateRequest body, List<String> steps) {
        boolean files = body.files() != null && !body.files().isEmpty();
        if ((body.from() == null) == !files) {
            throw InvalidRequestException.badValue("$.from", "give either from (a stored model) or files (an "
                    + "uploaded GGUF blob)");
        }
        ModelWriter writer = new ModelWriter(stored.stores());
        if (!files) {
            if (!ModelName.looksLikeName(body.from())) {
                throw InvalidRequestException.badValue("$.from", "must name a stored model; the server never "
                        + "opens a file a request names (upload a GGUF with POST /api/blobs/:digest and pass it in "
                        + "files)");
            }
            ModelName from = OllamaStoreResource.name(body.from(), "$.from");
            if (stored.stores().find(from).isEmpty()) {
                throw InvalidRequestException.badValue("$.from", "no stored model is called '" + from.display()
                        + "'" + stored.stores().namesakesHint(from));
            }
            steps.add("using the layers of " + from.display());
            return writer.storedBase(body.from());
        }
        if (body.files().size() != 1) {
            throw InvalidRequestException.badValue("$.files", "exactly one GGUF file is supported, got "
                    + body.files().size());
        }
        Map.Entry<String, String> file = body.files().entrySet().iterator().next();
        String path = "$.files['" + file.getKey() + "']";
        try {
            Manifest.Layer layer = blobs(file.getValue(), path).modelLayer(file.getValue());
            steps.add("using the uploaded model " + layer.digest());
            return List.of(layer);
        } catch (ModelStoreException e) {
            throw InvalidRequestException.badValue(path, e.getMessage());
        }
    }

    /** Parameters as Modelfile lines: an array ({@code stop}) gives one per element. */
    private static List<Modelfile.Parameter> parameters(Map<String, JsonNode> given) {
        List<Modelfile.Parameter> all = new ArrayList<>();
        if (given == null) {
            return all;
        }
        given.forEach((name, value) -> {
            Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
            for (JsonNode item : items) {
                if (!item.isValueNode() || item.isNull()) {
                    throw InvalidRequestException.badValue("$.parameters." + name, "expected a string, a number, "
                            + "a boolean or an array of them");
                }
                all.add(new Modelfile.Parameter(name, item.asText()));
            }
        });
        return all;
    }

    private static List<String> licenses(JsonNode license) {
        if (license == null || license.isNull()) {
            return List.of();
        }
        if (license.isTextual()) {
            return List.of(license.asText());
        }
        List<String> all = new ArrayList<>();
        if (license.isArray()) {
            for (JsonNode text : license) {
                if (!text.isTextual()) {
                    throw InvalidRequestException.badValue("$.license", "expected a string or an array of strings");
                }
                all.add(text.asText());
            }
            return all;
        }
        throw InvalidRequestException.badValue("$.license", "expected a string or an array of strings");
    }

    private UploadedBlobs blobs(String digest) {
        return blobs(digest, "$.digest");
    }

    private UploadedBlobs blobs(String digest, String path) {
        if (!UploadedBlobs.valid(digest)) {
            throw InvalidRequestException.badValue(path, "invalid digest '" + digest
                    + "': expected sha256:<64 hex digits>");
        }
        return new UploadedBlobs(stored.stores().lariat());
    }
}
