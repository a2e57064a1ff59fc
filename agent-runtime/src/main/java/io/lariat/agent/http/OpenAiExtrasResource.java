package io.lariat.agent.http;

import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.chat.ChatLogprob;
import io.lariat.agent.chat.ChatService;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ToolChoice;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ModelProfile;
import io.lariat.agent.http.ollama.OllamaOptions;
import io.lariat.agent.InvalidRequestException;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.http.openai.ChatCompletionResponse;
import io.lariat.agent.http.openai.CompletionWire;
import io.lariat.agent.http.openai.ModelList;
import io.lariat.agent.http.openai.OpenAiMapping;
import io.lariat.engine.GenerationRequest;
import io.lariat.prompts.UserMessage;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** OpenAI's {@code /v1/completions}, {@code /v1/embeddings} and {@code /v1/models/{id}}. */
@Path("/v1")
@Tag(name = "OpenAI")
public class OpenAiExtrasResource {
    /** OpenAI's default {@code max_tokens} of a completion. */
    private static final int DEFAULT_COMPLETION_TOKENS = 16;
    /** OpenAI's largest {@code logprobs} of a completion. */
    private static final int MAX_COMPLETION_LOGPROBS = 5;

    @Inject
    ChatService chat;

    @Inject
    Embeddings embeddings;

    @Inject
    ServedModels models;

    /** One served model. */
    @GET
    @Path("/models/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retrieve a model (OpenAI-compatible)")
    public ModelList.ModelEntry model(@PathParam("id") String id) {
        ServedModel m = models.lookup(id).orElseThrow(() -> new io.lariat.agent.ModelNotFoundException(id,
                "no model of that name is loaded; served models are " + models.names()));
        return new ModelList.ModelEntry(m.name(), "model", m.details().modifiedAt().getEpochSecond(), "lariat");
    }

    /** A completion of a prompt given as is (no chat template). */
    @POST
    @Path("/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Text completion (OpenAI-compatible)")
    @Blocking
    @RunOnVirtualThread
    public RestMulti<Buffer> completions(CompletionWire.CompletionRequest body) {
        ChatRequest request = completionRequest(body, models.profile(body == null ? null : body.model()));
        ServedModel model = models.find(request.model());
        Multi<ChatEvent> events = chat.chat(request);
        String id = "cmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        // log-probability offsets count from the start of the prompt, as OpenAI's do
        Columns columns = request.logprobs() < 0 ? null
                : new Columns(new AtomicInteger(((UserMessage) request.messages().getFirst()).content().length()));
        if (Boolean.TRUE.equals(body.stream())) {
            boolean usage = body.streamOptions() != null && Boolean.TRUE.equals(body.streamOptions().includeUsage());
            Multi<String> frames = events.onItem().transformToIterable(e -> frames(e, id, created, model, usage,
                    columns));
            return ResponseStreams.body(Multi.createBy().concatenating().streams(frames,
                    Multi.createFrom().item("data: [DONE]\n\n")), MediaType.SERVER_SENT_EVENTS,
                    io.lariat.agent.http.openai.OpenAiStream::errorFrame);
        }
        Multi<String> document = events.collect().last().map(last -> {
            ChatEvent.ChatCompleted done = (ChatEvent.ChatCompleted) last;
            return Json.write(response(id, created, model, done.content() == null ? "" : done.content(),
                    columns == null ? null : columns.next(done.logprobs()), finish(done), usage(done)));
        }).toMulti();
        return ResponseStreams.body(document, MediaType.APPLICATION_JSON, error -> "");
    }

    /** Unit-length embeddings of one or more texts. */
    @POST
    @Path("/embeddings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings (OpenAI-compatible)")
    @RunOnVirtualThread
    public CompletionWire.EmbeddingResponse embeddings(CompletionWire.EmbeddingRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String format = body.encodingFormat() == null ? "float" : body.encodingFormat();
        if (!format.equals("float") && !format.equals("base64")) {
            throw InvalidRequestException.badValue("$.encoding_format", "expected \"float\" or \"base64\", got \""
                    + format + "\"");
        }
        if (body.dimensions() != null && body.dimensions() < 1) {
            throw InvalidRequestException.badValue("$.dimensions", "must be at least 1, got " + body.dimensions());
        }
        Embeddings.EmbedResult result = embeddings.embed(new Embeddings.EmbedRequest(
                WireValues.model(body.model(), "$.model"), Embeddings.texts(body.input(), "$.input"), true, true,
                body.dimensions() == null ? 0 : body.dimensions()));
        List<CompletionWire.EmbeddingData> data = new ArrayList<>();
        for (int i = 0; i < result.vectors().size(); i++) {
            float[] v = result.vectors().get(i);
            data.add(new CompletionWire.EmbeddingData("embedding", format.equals("float") ? v : base64(v), i));
        }
        return new CompletionWire.EmbeddingResponse("list", data, result.model(),
                new CompletionWire.EmbeddingUsage(result.promptTokens(), result.promptTokens()));
    }

    /**
     * The prompt as is (raw: no template, so no SYSTEM of a created model, as Ollama's raw generate); a created
     * model's PARAMETERs are the defaults of what the body leaves unset, as on the chat endpoints.
     */
    private static ChatRequest completionRequest(CompletionWire.CompletionRequest body, ModelProfile profile) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String model = WireValues.model(body.model(), "$.model");
        OpenAiMapping.checkChoices(body.n());
        if (body.logprobs() != null && (body.logprobs() < 0 || body.logprobs() > MAX_COMPLETION_LOGPROBS)) {
            throw InvalidRequestException.badValue("$.logprobs", "must be within 0.." + MAX_COMPLETION_LOGPROBS
                    + ", got " + body.logprobs());
        }
        if (Boolean.TRUE.equals(body.echo())) {
            throw new UnsupportedFeatureException("$.echo", "echoing the prompt");
        }
        if (body.suffix() != null && !body.suffix().isEmpty()) {
            throw new UnsupportedFeatureException("$.suffix", "completing before a suffix (fill-in-the-middle)");
        }
        OllamaOptions d = new OllamaOptions(body.temperature(), body.topP(), null, null, null, null, null,
                body.maxTokens(), body.seed(), body.stop()).over(OllamaOptions.of(profile));
        Integer predict = body.maxTokens() != null ? body.maxTokens()
                : d.numPredict() == null || d.numPredict() < 0 ? null : d.numPredict();
        return new ChatRequest(model, List.of(new UserMessage(prompt(body.prompt()))), List.of(),
                new ToolChoice.Auto(), d.sampling(WireValues.sampling(d.temperature(), d.topP(), d.seed(),
                "$.temperature", "$.top_p")),
                WireValues.maxTokens(predict, DEFAULT_COMPLETION_TOKENS, "$.max_tokens"),
                OpenAiMapping.stops(d.stop()), d.numCtx() == null ? 0 : d.numCtx(), true)
                .withLogprobs(body.logprobs() == null ? GenerationRequest.NO_LOGPROBS : body.logprobs());
    }

    /** The next character offset of a completion's log-probability columns, across its chunks. */
    private record Columns(AtomicInteger offset) {
        CompletionWire.CompletionLogprobs next(List<ChatLogprob> logprobs) {
            CompletionWire.CompletionLogprobs out = CompletionWire.CompletionLogprobs.of(logprobs, offset.get());
            offset.addAndGet(out.length());
            return out;
        }
    }

    private static String prompt(JsonNode prompt) {
        if (prompt != null && prompt.isTextual() && !prompt.textValue().isEmpty()) {
            return prompt.textValue();
        }
        if (prompt != null && prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt(prompt.get(0));
        }
        if (prompt != null && prompt.isArray() && prompt.size() > 1) {
            throw InvalidRequestException.badValue("$.prompt", "one prompt per request is served, got "
                    + prompt.size() + "; send " + prompt.size() + " requests instead");
        }
        throw InvalidRequestException.badValue("$.prompt", "required: a non-empty string");
    }

    private static List<String> frames(ChatEvent event, String id, long created, ServedModel model, boolean usage,
                                       Columns columns) {
        return switch (event) {
            case ChatEvent.ContentDelta delta -> List.of(frame(response(id, created, model, delta.text(),
                    columns == null ? null : columns.next(delta.logprobs()), null, null)));
            case ChatEvent.ChatCompleted done -> usage
                    ? List.of(frame(response(id, created, model, "", null, finish(done), null)),
                    frame(new CompletionWire.CompletionResponse(id, "text_completion", created, model.name(),
                            List.of(), usage(done))))
                    : List.of(frame(response(id, created, model, "", null, finish(done), null)));
        };
    }

    private static CompletionWire.CompletionResponse response(String id, long created, ServedModel model,
                                                              String text, CompletionWire.CompletionLogprobs logprobs,
                                                              String finish, ChatCompletionResponse.Usage usage) {
        return new CompletionWire.CompletionResponse(id, "text_completion", created, model.name(),
                List.of(new CompletionWire.CompletionChoice(text, 0, logprobs, finish)), usage);
    }

    private static String finish(ChatEvent.ChatCompleted done) {
        return done.finish() == ChatEvent.FinishReason.LENGTH ? "length" : "stop";
    }

    private static ChatCompletionResponse.Usage usage(ChatEvent.ChatCompleted done) {
        int prompt = done.usage().promptTokens();
        int completion = done.usage().completionTokens();
        return new ChatCompletionResponse.Usage(prompt, completion, prompt + completion);
    }

    private static String frame(Object chunk) {
        return "data: " + Json.write(chunk) + "\n\n";
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
