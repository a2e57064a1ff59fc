package io.lariat.agent.http.ollama;

import io.lariat.agent.http.ApiError;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatUsage;
import io.lariat.agent.http.ErrorDialect;
import io.lariat.agent.http.Json;
import io.lariat.agent.http.LogprobWire;
import io.lariat.prompts.parse.ToolCall;
import io.smallrye.mutiny.Multi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one generation's {@link ChatEvent}s as Ollama's NDJSON lines or as its single response, for
 * {@code /api/chat} (a {@code message}) or {@code /api/generate} (a {@code response} string).
 *
 * <p>Stream order: one line per content delta, for chat one line with the tool calls, then the final line with
 * {@code done: true}, {@code done_reason} and the statistics. Immutable.
 */
public final class OllamaStream {
    private final String model;
    private final boolean generate;

    /**
     * @param model    the model name as the request gave it
     * @param generate true for {@code /api/generate}'s shape, false for {@code /api/chat}'s
     */
    public OllamaStream(String model, boolean generate) {
        this.model = model;
        this.generate = generate;
    }

    /** The NDJSON lines of a streamed response. */
    public Multi<String> lines(Multi<ChatEvent> events) {
        return events.onItem().transformToIterable(this::lines);
    }

    /** The single response for the last event of a generation. */
    public String response(ChatEvent last) {
        ChatEvent.ChatCompleted done = (ChatEvent.ChatCompleted) last;
        String content = done.content() == null ? "" : done.content();
        List<LogprobWire> logprobs = LogprobWire.of(done.logprobs());
        return Json.write(generate ? finalGenerate(content, logprobs, done)
                : finalChat(content, done.calls(), logprobs, done));
    }

    /** The line reporting a failure after the stream began. */
    public static String errorLine(ApiError error) {
        return Json.write(new ErrorDialect.Ollama().body(error)) + "\n";
    }

    private List<String> lines(ChatEvent event) {
        List<String> out = new ArrayList<>();
        switch (event) {
            case ChatEvent.ContentDelta delta -> out.add(line(generate
                    ? new OllamaGenerateChunk(model, now(), delta.text(), false, null, null, null, null, null, null,
                    null, null, LogprobWire.of(delta.logprobs()))
                    : chunk(new OllamaChatChunk.Message("assistant", delta.text(), null),
                    LogprobWire.of(delta.logprobs()))));
            case ChatEvent.ChatCompleted done -> {
                if (!generate && !done.calls().isEmpty()) {
                    out.add(line(chunk(new OllamaChatChunk.Message("assistant", "", calls(done.calls())), List.of())));
                }
                out.add(line(generate ? finalGenerate("", List.of(), done) : finalChat("", List.of(), List.of(),
                        done)));
            }
        }
        return out;
    }

    private OllamaChatChunk chunk(OllamaChatChunk.Message message, List<LogprobWire> logprobs) {
        return new OllamaChatChunk(model, now(), message, false, null, null, null, null, null, null, null, logprobs);
    }

    private OllamaChatChunk finalChat(String content, List<ToolCall> calls, List<LogprobWire> logprobs,
                                      ChatEvent.ChatCompleted done) {
        ChatUsage u = done.usage();
        return new OllamaChatChunk(model, now(), new OllamaChatChunk.Message("assistant", content, calls(calls)),
                true, doneReason(done.finish()), u.total().toNanos(), u.load().toNanos(), u.promptTokensEvaluated(),
                u.promptEval().toNanos(), u.completionTokens(), u.eval().toNanos(), logprobs);
    }

    private OllamaGenerateChunk finalGenerate(String response, List<LogprobWire> logprobs,
                                              ChatEvent.ChatCompleted done) {
        ChatUsage u = done.usage();
        return new OllamaGenerateChunk(model, now(), response, true, doneReason(done.finish()), u.total().toNanos(),
                u.load().toNanos(), u.promptTokensEvaluated(), u.promptEval().toNanos(), u.completionTokens(),
                u.eval().toNanos(), calls(done.calls()), logprobs);
    }

    private static List<OllamaChatChunk.ToolCallWire> calls(List<ToolCall> calls) {
        List<OllamaChatChunk.ToolCallWire> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            out.add(new OllamaChatChunk.ToolCallWire(new OllamaChatChunk.Function(i, calls.get(i).name(),
                    calls.get(i).arguments())));
        }
        return out;
    }

    /** Ollama reports {@code stop} for answers and tool calls alike, {@code length} at the token limit. */
    private static String doneReason(ChatEvent.FinishReason finish) {
        return finish == ChatEvent.FinishReason.LENGTH ? "length" : "stop";
    }

    private static String line(Object chunk) {
        return Json.write(chunk) + "\n";
    }

    private static String now() {
        return Instant.now().toString();
    }
}
