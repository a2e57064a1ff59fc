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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private static final String NDJSON = "application/x-ndjson";

    @Inject
    ChatService chat;

    @Inject
    ServedModels models;

    /** One assistant turn of a conversation. */
    @POST
    @Path("/chat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Chat (Ollama-compatible)")
    @RunOnVirtualThread
    public RestMulti<Buffer> chat(OllamaChatRequest body) {
        ChatRequest request = OllamaMapping.chatRequest(body);
        return respond(chat.chat(request), new OllamaStream(request.model(), false),
                body.streaming());
    }

    /** A completion of one prompt. */
    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate (Ollama-compatible)")
    @RunOnVirtualThread
    public RestMulti<Buffer> generate(OllamaGenerateRequest body) {
        ChatRequest request = OllamaMapping.generateRequest(body);
        return respond(chat.chat(request), new OllamaStream(request.model(), true), body.streaming());
    }

    /** The served models. */
    @GET
    @Path("/tags")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List models (Ollama-compatible)")
    public OllamaModels.Tags tags() {
        return new OllamaModels.Tags(models.all().stream()
                .map(m -> new OllamaModels.Tag(m.name(), m.name(), m.details().modifiedAt().toString(),
                        m.details().sizeBytes(), digest(m), details(m.details())))
                .toList());
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
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("general.architecture", d.family());
        info.put(d.family() + ".context_length", d.contextLength());
        return new OllamaModels.Show(d.license(), d.template(), details(d), info, List.of("completion", "tools"),
                d.modifiedAt().toString());
    }

    /** The server's version. */
    @GET
    @Path("/version")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server version (Ollama-compatible)")
    public OllamaModels.Version version() {
        return new OllamaModels.Version(VERSION);
    }

    private static RestMulti<Buffer> respond(Multi<ChatEvent> events, OllamaStream stream, boolean streaming) {
        if (streaming) {
            return ResponseStreams.body(stream.lines(events), NDJSON, OllamaStream::errorLine);
        }
        return ResponseStreams.body(events.collect().last().map(stream::response).toMulti(),
                MediaType.APPLICATION_JSON, error -> "");
    }

    private static OllamaModels.Details details(ModelDetails d) {
        return new OllamaModels.Details("", d.format(), d.family(), List.of(d.family()), d.parameterSize(),
                d.quantizationLevel());
    }

    /**
     * A stable identifier of the served model: Ollama shows its blob's digest; hashing the whole blob per listing
     * would read gigabytes, so Lariat hashes the name, size and modification time.
     */
    private static String digest(ServedModel m) {
        String key = m.name() + "/" + m.details().sizeBytes() + "/" + m.details().modifiedAt();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
