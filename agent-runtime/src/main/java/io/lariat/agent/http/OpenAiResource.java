package io.lariat.agent.http;

import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ChatService;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.http.openai.ChatCompletionRequest;
import io.lariat.agent.http.openai.ModelList;
import io.lariat.agent.http.openai.OpenAiMapping;
import io.lariat.agent.http.openai.OpenAiStream;
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

/**
 * The OpenAI-compatible API: {@code POST /v1/chat/completions} (JSON or SSE chunks) and {@code GET /v1/models}.
 * Errors have OpenAI's shape ({@link ErrorDialect.OpenAi}).
 */
@Path("/v1")
@Tag(name = "OpenAI")
public class OpenAiResource {
    @Inject
    ChatService chat;

    @Inject
    ServedModels models;

    /** One assistant turn; streamed as {@code text/event-stream} chunks when {@code stream} is true. */
    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Chat completion (OpenAI-compatible)")
    @Blocking
    @RunOnVirtualThread
    public RestMulti<Buffer> chatCompletions(ChatCompletionRequest body) {
        ChatRequest request = OpenAiMapping.chatRequest(body, models.profile(body == null ? null : body.model()));
        ServedModel model = models.find(request.model());
        Multi<ChatEvent> events = chat.chat(request);
        OpenAiStream stream = new OpenAiStream(OpenAiMapping.newId(), System.currentTimeMillis() / 1000, model,
                body.includeUsage(), request.logprobs() >= 0);
        if (body.streaming()) {
            return ResponseStreams.body(stream.frames(events), MediaType.SERVER_SENT_EVENTS,
                    OpenAiStream::errorFrame);
        }
        Multi<String> document = events.collect().last().map(last -> Json.write(stream.response(last)))
                .toMulti();
        return ResponseStreams.body(document, MediaType.APPLICATION_JSON, error -> "");
    }

    /** The served models. */
    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List models (OpenAI-compatible)")
    public ModelList listModels() {
        return new ModelList("list", models.all().stream()
                .map(m -> new ModelList.ModelEntry(m.name(), "model", m.details().modifiedAt().getEpochSecond(),
                        "lariat"))
                .toList());
    }
}
