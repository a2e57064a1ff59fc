package io.lariat.agent.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.parse.Stop;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.prompts.parse.ToolCallParser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one streamed remote turn: turns OpenAI stream chunks back into token ids for the listener and, at
 * the end, into a {@link TurnResult}.
 *
 * <p>From a chat API only the server's structured {@code tool_calls} are calls: they come back in
 * {@link TurnResult#calls()}, and the content is ordinary tokens whatever it spells ({@code <|python_tag|>}, a
 * function tag or a JSON call stay text). The calls' JSON text is kept among the sampled ids (the turn's replay
 * and token count) but is never passed to the listener. When the listener returns false the turn ends there.
 * Confined to one thread.
 */
final class RemoteTurn {
    private final Tokenizer tokenizer;
    private final TokenListener listener;
    private final int promptLength;
    private final long start = System.nanoTime();
    private final List<Integer> sampled = new ArrayList<>();
    private final Map<Integer, String[]> calls = new TreeMap<>();
    private final StringBuilder text = new StringBuilder();
    private long firstChunk;
    private String finishReason;
    private int explicitStop = -1;
    private int promptTokens = -1;
    private int cachedTokens;
    private boolean ended;
    private boolean chat;

    RemoteTurn(Tokenizer tokenizer, TokenListener listener, int promptLength) {
        this.tokenizer = tokenizer;
        this.listener = listener;
        this.promptLength = promptLength;
    }

    /** One {@code /v1/completions} chunk: text with special tokens written by name. */
    void completionChunk(JsonNode chunk) {
        usage(chunk);
        JsonNode choice = chunk.path("choices").path(0);
        feed(tokenizer.encodeWithSpecials(choice.path("text").asText("")));
        finish(choice);
        if (choice.path("stop_reason").isInt()) {
            explicitStop = choice.path("stop_reason").intValue();
        }
    }

    /** One {@code /v1/chat/completions} chunk: content text and pieces of tool calls. */
    void chatChunk(JsonNode chunk) {
        chat = true;
        usage(chunk);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual()) {
            feed(tokenizer.encode(delta.path("content").textValue()));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            String[] acc = calls.computeIfAbsent(call.path("index").asInt(calls.size()), k -> new String[] {"", ""});
            acc[0] += call.path("function").path("name").asText("");
            acc[1] += call.path("function").path("arguments").asText("");
        }
        finish(choice);
    }

    /** Whether the listener ended the turn; the stream need not be read further. */
    boolean ended() {
        return ended;
    }

    /** The turn, once the stream ended. */
    TurnResult result() {
        List<ToolCall> structured = ended ? List.of() : structuredCalls();
        int stop = ended ? -1 : stopId();
        if (stop >= 0) {
            listener.onToken(stop);
        }
        long end = System.nanoTime();
        long first = firstChunk == 0 ? end : firstChunk;
        int prompt = promptTokens >= 0 ? promptTokens : promptLength;
        return new TurnResult(sampled.stream().mapToInt(Integer::intValue).toArray(), stop,
                new TurnResult.TurnStats(cachedTokens, prompt - cachedTokens, Duration.ofNanos(first - start),
                        sampled.size() + (stop >= 0 ? 1 : 0), Duration.ofNanos(end - first)), structured);
    }

    /**
     * The server's tool calls, read as Llama 3.1 JSON calls built from their structured fields (the name is written
     * as a JSON string, so it cannot end the object); arguments that are not a JSON object make no call. Their text
     * joins the sampled ids, never the listener.
     */
    private List<ToolCall> structuredCalls() {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<String> objects = calls.values().stream()
                .map(c -> "{\"name\": " + OpenAiWire.write(OpenAiWire.JSON.getNodeFactory().textNode(c[0]))
                        + ", \"parameters\": " + (c[1].isBlank() ? "{}" : c[1]) + "}")
                .toList();
        String json = String.join("; ", objects);
        for (int id : tokenizer.encode((text.isEmpty() ? "" : "\n") + json)) {
            sampled.add(id);
        }
        return ToolCallParser.parse(json, -1, Stop.EOT).calls();
    }

    /**
     * Spec §4.4: a tagged body ends with eom; anything else with eot, unless the server said which. A chat API's
     * content is never a tagged body, so its turns end with eot.
     */
    private int stopId() {
        if ("length".equals(finishReason)) {
            return -1;
        }
        if (explicitStop >= 0 && SpecialTokens.isStop(explicitStop)) {
            return explicitStop;
        }
        return chat ? SpecialTokens.EOT
                : text.indexOf(SpecialTokens.PYTHON_TAG_NAME) >= 0 ? SpecialTokens.EOM : SpecialTokens.EOT;
    }

    private void feed(int[] ids) {
        if (ids.length > 0 && firstChunk == 0) {
            firstChunk = System.nanoTime();
        }
        for (int id : ids) {
            if (ended) {
                return;
            }
            if (SpecialTokens.isStop(id)) {
                explicitStop = id;
                continue;
            }
            sampled.add(id);
            text.append(tokenizer.decode(new int[] {id}));
            ended = !listener.onToken(id);
        }
    }

    private void finish(JsonNode choice) {
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").textValue();
        }
    }

    private void usage(JsonNode chunk) {
        JsonNode usage = chunk.path("usage");
        if (usage.path("prompt_tokens").isInt()) {
            promptTokens = usage.path("prompt_tokens").intValue();
            cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asInt(0);
        }
    }
}
