package io.lariat.agent.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.engine.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A model served by an OpenAI-compatible server (vLLM, llama.cpp's llama-server, Ollama), streamed over HTTP.
 *
 * <p>In {@link RemoteSettings.Mode#COMPLETIONS} mode the prompt goes out as Lariat's own token ids, so raw replay
 * and the server's prefix cache work as with the embedded engine. In {@link RemoteSettings.Mode#CHAT} mode the
 * server renders the messages and parses calls; only its structured {@code tool_calls} are calls
 * ({@link #structuredToolCalls()}), its content is text whatever it spells. The server keeps its own caches, so {@link #release} does nothing. Thread-safe.
 */
public final class RemoteBackend implements ModelBackend {
    private final RemoteSettings settings;
    private final Tokenizer tokenizer;
    private final HttpClient client;

    /**
     * @param settings  the server and mode
     * @param tokenizer the served model's tokenizer (a vocab-only GGUF is enough), for rendering and accounting
     */
    public RemoteBackend(RemoteSettings settings, Tokenizer tokenizer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /**
     * Whether turns go to the server as token ids ({@code /v1/completions}), so the model sees a prompt exactly as
     * rendered; a chat API applies its own template instead.
     */
    public boolean takesTokenIds() {
        return settings.mode() == RemoteSettings.Mode.COMPLETIONS;
    }

    @Override
    public boolean structuredToolCalls() {
        return !takesTokenIds();
    }

    @Override
    public String name() {
        return settings.model();
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int contextSize() {
        return settings.contextSize();
    }

    @Override
    public TurnResult generate(TurnRequest request, TokenListener listener) {
        if (request.constraint() != null) {
            throw new IllegalArgumentException("model '" + name() + "' cannot constrain the tokens it samples");
        }
        boolean raw = settings.mode() == RemoteSettings.Mode.COMPLETIONS;
        URI endpoint = settings.baseUrl().resolve(raw ? "/v1/completions" : "/v1/chat/completions");
        ObjectNode body = raw ? OpenAiWire.completionsBody(settings.model(), request)
                : OpenAiWire.chatBody(settings.model(), request);
        HttpResponse<Stream<String>> response = send(endpoint, body, request.cancel());
        RemoteTurn turn = new RemoteTurn(tokenizer, listener, request.promptIds().length);
        try (Stream<String> lines = response.body()) {
            request.cancel().onCancel(lines::close);
            Iterator<String> it = lines.iterator();
            while (!turn.ended() && it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                JsonNode chunk = parse(endpoint, data);
                if (raw) {
                    turn.completionChunk(chunk);
                } else {
                    turn.chatChunk(chunk);
                }
            }
        } catch (UncheckedIOException e) {
            throw cancelledOr(request.cancel(), new RemoteModelException(endpoint, 200, "stream broke: "
                    + e.getCause().getMessage()));
        }
        return turn.result();
    }

    private HttpResponse<Stream<String>> send(URI endpoint, ObjectNode body, CancelSignal cancel) {
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(OpenAiWire.write(body)));
        if (settings.apiKey() != null) {
            http.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<Stream<String>> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw cancelledOr(cancel, new RemoteModelException(endpoint, 0, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while calling " + endpoint);
        }
        if (response.statusCode() != 200) {
            String text;
            try (Stream<String> lines = response.body()) {
                text = lines.collect(Collectors.joining("\n"));
            }
            throw new RemoteModelException(endpoint, response.statusCode(), text);
        }
        return response;
    }

    private static RuntimeException cancelledOr(CancelSignal cancel, RuntimeException failure) {
        return cancel.cancelled() ? new CancellationException(cancel.reason()) : failure;
    }

    private static JsonNode parse(URI endpoint, String data) {
        try {
            return OpenAiWire.JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new RemoteModelException(endpoint, 200, "stream chunk is not JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void release(String sessionId) {
        // the server manages its own prompt cache
    }

    @Override
    public void close() {
        client.close();
    }
}
