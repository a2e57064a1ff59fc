package io.lariat.agent.http;

import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ChatService;
import io.lariat.agent.chat.ModelDetails;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.http.ollama.OllamaChatRequest;
import io.lariat.agent.http.ollama.OllamaGenerateRequest;
import io.lariat.agent.http.ollama.OllamaMapping;
import io.lariat.agent.http.ollama.OllamaModels;
import io.lariat.agent.http.ollama.OllamaStream;
import io.lariat.agent.store.Modelfile;
import io.lariat.agent.store.StoredModel;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ollama-compatible API: {@code /api/chat} and {@code /api/generate} (NDJSON by default, one JSON object with
 * {@code "stream": false}), {@code /api/tags}, {@code /api/show} and {@code /api/version}. Errors have Ollama's
 * {@code {"error": "..."}} shape ({@link ErrorDialect.Ollama}).
 */
@Path("/api")
@Tag(name = "Ollama")
public class OllamaResource {
    /** The version reported by {@code /api/version}. */
    static final String VERSION = "0.1.0";
    static final String NDJSON = "application/x-ndjson";

    @Inject
    ChatService chat;

    @Inject
    ServedModels models;

    @Inject
    OllamaLoads loads;

    @Inject
    OllamaTags tags;

    /** One assistant turn of a conversation. */
    @POST
    @Path("/chat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Chat (Ollama-compatible)")
    @Blocking
    @RunOnVirtualThread
    public RestMulti<Buffer> chat(OllamaChatRequest body) {
        KeepAlive keepAlive = KeepAlive.of(body == null ? null : body.keepAlive());
        if (body != null && body.loadsOnly()) {
            return loads.loadOrUnload(body.model(), keepAlive, false);
        }
        ChatRequest request = OllamaMapping.chatRequest(body, models.profile(body == null ? null : body.model()));
        return respond(loads.tracked(request, keepAlive, chat::chat), new OllamaStream(request.model(), false),
                body.streaming());
    }

    /** A completion of one prompt. */
    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate (Ollama-compatible)")
    @Blocking
    @RunOnVirtualThread
    public RestMulti<Buffer> generate(OllamaGenerateRequest body) {
        KeepAlive keepAlive = KeepAlive.of(body == null ? null : body.keepAlive());
        if (body != null && body.loadsOnly()) {
            return loads.loadOrUnload(body.model(), keepAlive, true);
        }
        ChatRequest request = OllamaMapping.generateRequest(body, models.profile(body == null ? null : body.model()));
        return respond(loads.tracked(request, keepAlive, chat::chat), new OllamaStream(request.model(), true),
                body.streaming());
    }

    /** The served models. */
    @GET
    @Path("/tags")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List models (Ollama-compatible)")
    public OllamaModels.Tags tags() {
        return tags.tags();
    }

    /** What a model is: details, template, license and model info. */
    @POST
    @Path("/show")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Show a model (Ollama-compatible)")
    @RunOnVirtualThread
    public OllamaModels.Show show(OllamaModels.ShowRequest body) {
        String reference = body == null ? null : body.reference();
        ServedModel model = models.find(WireValues.model(reference, "$.model"));
        ModelDetails d = model.details();
        Map<String, Object> info = OllamaTags.modelInfo(model);
        // a stored model's own layers (lariat create, /api/create) first, then what its GGUF file records; the name
        // asked for first, as two store names may share one file and so one served model
        Optional<StoredModel> own = tags.storedModel(reference, model.name());
        String name = own.map(m -> m.name().display()).orElse(model.name());
        Modelfile parts = own.map(StoredModel::modelfile)
                .orElse(new Modelfile(model.name(), null, null, List.of(), List.of()))
                .withDefaults(d.template(), d.license());
        String parameters = parts.parameters().isEmpty() ? DEFAULT_PARAMETERS.renderParameters()
                : parts.renderParameters();
        return new OllamaModels.Show(parts.licenses().isEmpty() ? null : String.join("\n\n", parts.licenses()),
                parts.template(), details(d), info, List.of("completion", "tools"), d.modifiedAt().toString(),
                "# Modelfile generated by Lariat\n# To build a new Modelfile based on this, replace FROM with:\n"
                        + "# FROM " + name + "\n\n" + parts.render(), parameters, parts.system());
    }

    /** Lariat's sampling defaults (WireValues), shown for a model whose Modelfile sets no parameters. */
    private static final Modelfile DEFAULT_PARAMETERS = new Modelfile("", null, null, List.of(),
            List.of(new Modelfile.Parameter("temperature", "0.6"), new Modelfile.Parameter("top_p", "0.9")));

    /** The server's version. */
    @GET
    @Path("/version")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server version (Ollama-compatible)")
    public OllamaModels.Version version() {
        return new OllamaModels.Version(VERSION);
    }

    static RestMulti<Buffer> respond(Multi<ChatEvent> events, OllamaStream stream, boolean streaming) {
        if (streaming) {
            return ResponseStreams.body(stream.lines(events), NDJSON, OllamaStream::errorLine);
        }
        return ResponseStreams.body(events.collect().last().map(stream::response).toMulti(),
                MediaType.APPLICATION_JSON, error -> "");
    }

    static OllamaModels.Details details(ModelDetails d) {
        return new OllamaModels.Details("", d.format(), d.family(), List.of(d.family()), d.parameterSize(),
                d.quantizationLevel());
    }

    /**
     * A stable identifier of the served model: Ollama shows its blob's digest; hashing the whole blob per listing
     * would read gigabytes, so Lariat hashes the name, size and modification time.
     */
    static String digest(ServedModel m) {
        String key = m.name() + "/" + m.details().sizeBytes() + "/" + m.details().modifiedAt();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
