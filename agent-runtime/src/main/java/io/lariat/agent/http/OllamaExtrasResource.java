package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.InvalidRequestException;

import io.lariat.agent.http.ollama.OllamaEmbeddings;
import io.lariat.agent.http.ollama.OllamaModels;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Ollama's embedding endpoints and its list of loaded models ({@code /api/ps}). */
@Path("/api")
@Tag(name = "Ollama")
public class OllamaExtrasResource {
    @Inject
    Embeddings embeddings;

    @Inject
    ServedModels models;

    @Inject
    ModelLifetimes lifetimes;

    /** Unit-length embeddings of one or more texts. */
    @POST
    @Path("/embed")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embed texts (Ollama-compatible)")
    @RunOnVirtualThread
    public OllamaEmbeddings.EmbedResponse embed(OllamaEmbeddings.EmbedRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        Embeddings.EmbedResult result = tracked(KeepAlive.of(body.keepAlive()),
                new Embeddings.EmbedRequest(WireValues.model(body.model(), "$.model"),
                        Embeddings.texts(body.input(), "$.input"), !Boolean.FALSE.equals(body.truncate()), true,
                        body.dimensions() == null ? 0 : positive(body.dimensions())));
        return new OllamaEmbeddings.EmbedResponse(body.model(), result.vectors(), result.total().toNanos(),
                result.load().toNanos(), result.promptTokens());
    }

    /** The legacy endpoint: one prompt, a vector that is not normalised. */
    @POST
    @Path("/embeddings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embed one prompt (Ollama's legacy endpoint)")
    @RunOnVirtualThread
    public OllamaEmbeddings.EmbeddingsResponse embeddings(OllamaEmbeddings.EmbeddingsRequest body) {
        if (body == null || body.prompt() == null) {
            throw InvalidRequestException.badValue("$.prompt", "required");
        }
        Embeddings.EmbedResult result = tracked(KeepAlive.of(body.keepAlive()),
                new Embeddings.EmbedRequest(WireValues.model(body.model(), "$.model"), List.of(body.prompt()),
                        true, false, 0));
        return new OllamaEmbeddings.EmbeddingsResponse(result.vectors().getFirst());
    }

    /** The models loaded now, with when each is unloaded. */
    @GET
    @Path("/ps")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List loaded models (Ollama-compatible)")
    public OllamaModels.Running running() {
        return new OllamaModels.Running(models.all().stream().map(m -> new OllamaModels.RunningModel(m.name(),
                m.name(), m.details().sizeBytes(), OllamaResource.digest(m), OllamaResource.details(m.details()),
                lifetimes.expiresAt(m.name()).orElse(Instant.now().plus(Duration.ofNanos(Long.MAX_VALUE)))
                        .toString(), 0, m.backend().contextSize())).toList());
    }

    private Embeddings.EmbedResult tracked(KeepAlive keepAlive, Embeddings.EmbedRequest request) {
        Embeddings.EmbedResult result = embeddings.embed(request);
        lifetimes.begin(result.model(), keepAlive);
        lifetimes.end(result.model());
        return result;
    }

    private static int positive(int dimensions) {
        if (dimensions < 1) {
            throw InvalidRequestException.badValue("$.dimensions", "must be at least 1, got " + dimensions);
        }
        return dimensions;
    }
}
