package io.lariat.agent.http.openai;

import io.lariat.agent.http.ApiError;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.http.ErrorDialect;
import io.lariat.agent.http.Json;
import io.lariat.agent.http.LogprobWire;
import io.lariat.agent.chat.ServedModel;
import io.smallrye.mutiny.Multi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders one generation's {@link ChatEvent}s as OpenAI's streamed chunks (SSE frames) or as its single response.
 *
 * <p>Stream order: a first chunk with the role, one chunk per content delta, one chunk per tool call (a complete
 * call delta carrying its {@code index}, id, name and arguments), a finish chunk, the usage chunk when asked for,
 * then {@code data: [DONE]}. The first chunk waits for the first event (the turn's admission). Immutable.
 */
public final class OpenAiStream {
    private final String id;
    private final long created;
    private final ServedModel model;
    private final boolean includeUsage;
    private final boolean logprobs;

    /**
     * @param id           the response id shared by every chunk
     * @param created      epoch seconds
     * @param includeUsage whether a usage chunk precedes {@code [DONE]}
     * @param logprobs     whether content carries its tokens' log-probabilities ({@code "logprobs": true})
     */
    public OpenAiStream(String id, long created, ServedModel model, boolean includeUsage, boolean logprobs) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
        this.logprobs = logprobs;
    }

    /** The SSE frames of a streamed response. */
    public Multi<String> frames(Multi<ChatEvent> events) {
        // the role chunk goes out with the first event, once the model admitted the turn: a refusal before it still
        // sets the response status
        AtomicBoolean first = new AtomicBoolean(true);
        ChatCompletionChunk.Delta role = new ChatCompletionChunk.Delta("assistant", "", null);
        // one item per event holding all its frames: a failure right after an event must not drop frames of it
        // still queued behind the role chunk (a split into separate items raced with the failure)
        Multi<String> body = events.onItem().transform(event -> {
            List<String> out = new ArrayList<>();
            if (first.getAndSet(false)) {
                out.add(frame(chunk(role, null, null)));
            }
            out.addAll(frames(event));
            return String.join("", out);
        });
        return Multi.createBy().concatenating().streams(body, Multi.createFrom().item("data: [DONE]\n\n"));
    }

    /** The non-streamed response for the last event of a generation. */
    public ChatCompletionResponse response(ChatEvent last) {
        return OpenAiMapping.response(id, created, model, (ChatEvent.ChatCompleted) last, logprobs);
    }

    /** The frame reporting a failure after the stream began. */
    public static String errorFrame(ApiError error) {
        return frame(Json.write(new ErrorDialect.OpenAi().body(error)));
    }

    private List<String> frames(ChatEvent event) {
        List<String> out = new ArrayList<>();
        switch (event) {
            case ChatEvent.ContentDelta delta -> out.add(frame(chunk(new ChatCompletionChunk.Delta(null, delta.text(),
                    null), logprobs ? new ChatCompletionResponse.Logprobs(LogprobWire.of(delta.logprobs())) : null,
                    null)));
            case ChatEvent.ChatCompleted done -> {
                for (ChatCompletionResponse.ToolCallWire call : OpenAiMapping.toolCalls(done.calls(), id, true)) {
                    out.add(frame(chunk(new ChatCompletionChunk.Delta(null, null, List.of(call)), null, null)));
                }
                out.add(frame(chunk(new ChatCompletionChunk.Delta(null, null, null), null,
                        OpenAiMapping.finishReason(done.finish()))));
                if (includeUsage) {
                    out.add(frame(new ChatCompletionChunk(id, "chat.completion.chunk", created, model.name(),
                            List.of(), OpenAiMapping.usage(done))));
                }
            }
        }
        return out;
    }

    private ChatCompletionChunk chunk(ChatCompletionChunk.Delta delta, ChatCompletionResponse.Logprobs probs,
                                      String finishReason) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model.name(),
                List.of(new ChatCompletionChunk.ChunkChoice(0, delta, probs, finishReason)), null);
    }

    private static String frame(Object chunk) {
        return "data: " + (chunk instanceof String s ? s : Json.write(chunk)) + "\n\n";
    }

}
