package io.lariat.agent.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * The state of one streamed remote turn: turns OpenAI stream chunks back into token ids for the listener and, at
 * the end, into a {@link TurnResult}. Tool calls from a chat API are written in Llama 3.1's JSON call form so the
 * loop parses every backend's output the same way. Confined to one thread.
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

    /** The turn, once the stream ended; calls of a chat API are fed as JSON call text ending with eot. */
    TurnResult result() {
        if (!calls.isEmpty()) {
            List<String> objects = calls.values().stream()
                    .map(c -> "{\"name\": " + OpenAiWire.write(OpenAiWire.JSON.getNodeFactory().textNode(c[0]))
                            + ", \"parameters\": " + (c[1].isBlank() ? "{}" : c[1]) + "}")
                    .toList();
            feed(tokenizer.encode((text.isEmpty() ? "" : "\n") + String.join("; ", objects)));
        }
        int stop = stopId();
        if (stop >= 0 && !listener.onToken(stop)) {
            throw new CancellationException("generation cancelled by its listener");
        }
        long end = System.nanoTime();
        long first = firstChunk == 0 ? end : firstChunk;
        int prompt = promptTokens >= 0 ? promptTokens : promptLength;
        return new TurnResult(sampled.stream().mapToInt(Integer::intValue).toArray(), stop,
                new TurnResult.TurnStats(cachedTokens, prompt - cachedTokens, Duration.ofNanos(first - start),
                        sampled.size() + (stop >= 0 ? 1 : 0), Duration.ofNanos(end - first)));
    }

    /** Spec §4.4: a tagged body ends with eom; anything else with eot, unless the server said which. */
    private int stopId() {
        if ("length".equals(finishReason)) {
            return -1;
        }
        if (explicitStop >= 0 && SpecialTokens.isStop(explicitStop)) {
            return explicitStop;
        }
        return text.indexOf(SpecialTokens.PYTHON_TAG_NAME) >= 0 && calls.isEmpty()
                ? SpecialTokens.EOM : SpecialTokens.EOT;
    }

    private void feed(int[] ids) {
        if (ids.length > 0 && firstChunk == 0) {
            firstChunk = System.nanoTime();
        }
        for (int id : ids) {
            if (SpecialTokens.isStop(id)) {
                explicitStop = id;
                continue;
            }
            sampled.add(id);
            text.append(tokenizer.decode(new int[] {id}));
            if (!listener.onToken(id)) {
                throw new CancellationException("generation cancelled by its listener");
            }
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
