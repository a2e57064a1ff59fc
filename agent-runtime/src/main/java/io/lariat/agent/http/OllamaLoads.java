package io.lariat.agent.http;

import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.chat.ServedModel;

import io.lariat.agent.http.ollama.OllamaChatChunk;
import io.lariat.agent.http.ollama.OllamaGenerateChunk;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;

import java.time.Instant;
import java.util.function.Function;

/**
 * Ollama's load and unload idioms and its {@code keep_alive}: a chat without messages or a generate without a
 * prompt only loads the model ({@code done_reason: "load"}), or with {@code keep_alive: 0} unloads it
 * ({@code "unload"}); a generating request keeps its model loaded and sets how long it stays after.
 */
@ApplicationScoped
public class OllamaLoads {
    @Inject
    ServedModels models;

    @Inject
    ModelLifetimes lifetimes;

    /** The answer to a request without messages or prompt. */
    RestMulti<Buffer> loadOrUnload(String reference, KeepAlive keepAlive, boolean generate) {
        ServedModel model = models.find(WireValues.model(reference, "$.model"));
        String reason = "load";
        if (keepAlive != null && keepAlive.unloadNow()) {
            models.unload(reference);
            lifetimes.forget(model.name());
            reason = "unload";
        } else {
            lifetimes.begin(model.name(), keepAlive);
            lifetimes.end(model.name());
        }
        String now = Instant.now().toString();
        Object body = generate
                ? new OllamaGenerateChunk(reference, now, "", true, reason, null, null, null, null, null, null, null,
                null)
                : new OllamaChatChunk(reference, now, new OllamaChatChunk.Message("assistant", "", null), true,
                reason, null, null, null, null, null, null, null);
        return ResponseStreams.body(Multi.createFrom().item(Json.write(body)), MediaType.APPLICATION_JSON,
                error -> "");
    }

    /**
     * The events of {@code request}, with its model kept loaded while they flow and for the keep-alive after. The
     * chat service finds (and loads) the model first, so that the request's {@code load_duration} is its own.
     */
    Multi<ChatEvent> tracked(ChatRequest request, KeepAlive keepAlive, Function<ChatRequest, Multi<ChatEvent>> chat) {
        Multi<ChatEvent> events = chat.apply(request);
        String name = models.lookup(request.model()).map(ServedModel::name).orElse(request.model());
        lifetimes.begin(name, keepAlive);
        return events.onTermination().invoke(() -> lifetimes.end(name));
    }
}
