package io.lariat.agent.http;

import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.http.ollama.OllamaStoreBodies;
import io.lariat.agent.http.ollama.OllamaStream;
import io.lariat.agent.store.Manifest;
import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelPuller;
import io.lariat.agent.store.ModelStoreException;
import io.lariat.agent.store.PullProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /api/pull}: downloads a model into Lariat's store from a registry the operator allows
 * ({@code lariat.pull.registries}), streaming Ollama's progress objects, with the limits and checks of
 * {@link ModelPuller} (bounded manifest and blob sizes and times, sha256 and GGUF checks, manifest written last).
 *
 * <p>The name's host picks the registry, as in Ollama ({@code llama3.1} is {@code https://registry.ollama.ai});
 * a registry outside the list is refused with 403 before anything is fetched.
 */
@Path("/api")
@Tag(name = "Ollama")
public class OllamaPullResource {
    /** As {@code lariat pull}: a registry that does not accept the connection in 20 s fails the pull. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** At most one byte-count object per blob in this interval (and always the last). */
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    @Inject
    StoredModels stored;

    /** Pulls a model; NDJSON progress objects, or one {@code {"status":"success"}} with {@code "stream": false}. */
    @POST
    @Path("/pull")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pull a model from an allowed registry (Ollama-compatible)")
    public RestMulti<Buffer> pull(OllamaStoreBodies.PullRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        ModelName name = OllamaStoreResource.name(body.reference(), "$.model");
        URI registry = allowed(name, Boolean.TRUE.equals(body.insecure()));
        Multi<String> lines = Multi.createFrom().<OllamaStoreBodies.Progress>emitter(emitter -> {
            Thread worker = Thread.ofVirtual().name("pull-" + name.display()).start(() -> run(name, registry,
                    emitter));
            emitter.onTermination(worker::interrupt);
        }).map(progress -> Json.write(progress) + "\n");
        if (Boolean.FALSE.equals(body.stream())) {
            return ResponseStreams.body(lines.collect().last().map(String::strip).toMulti(),
                    MediaType.APPLICATION_JSON, error -> "");
        }
        return ResponseStreams.body(lines, OllamaResource.NDJSON, OllamaStream::errorLine);
    }

    /** Pushing is not offered: Lariat's store is filled from registries, never published from. */
    @POST
    @Path("/push")
    @Operation(summary = "Push a model (not supported)")
    public void push() {
        throw new UnsupportedFeatureException("/api/push", "pushing models to a registry");
    }

    /** The registry {@code name} is pulled from, when the operator allows it. */
    URI allowed(ModelName name, boolean insecure) {
        URI registry = URI.create((insecure ? "http://" : "https://") + name.host());
        List<URI> registries = stored.pullRegistries();
        boolean listed = registries.stream().anyMatch(r -> r.getScheme() != null
                && r.getScheme().equalsIgnoreCase(registry.getScheme()) && r.getAuthority() != null
                && r.getAuthority().equalsIgnoreCase(registry.getAuthority()));
        if (!listed) {
            throw PullException.notAllowed(registry, registries);
        }
        return registry;
    }

    private void run(ModelName name, URI registry, MultiEmitter<? super OllamaStoreBodies.Progress> emitter) {
        HttpClient http = ModelPuller.httpClient(CONNECT_TIMEOUT);
        try (http) {
            new ModelPuller(http, stored.stores().lariat(), new Progress(emitter)).pull(name, registry);
            emitter.complete();
        } catch (ModelStoreException e) {
            emitter.fail(PullException.failed(e));
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
    }

    /** Ollama's progress objects from the puller's reports. */
    private static final class Progress implements PullProgress {
        private final MultiEmitter<? super OllamaStoreBodies.Progress> emitter;
        private String digest;
        private long lastNanos;

        Progress(MultiEmitter<? super OllamaStoreBodies.Progress> emitter) {
            this.emitter = emitter;
        }

        @Override
        public void layer(Manifest.Layer layer) {
            digest = layer.digest();
            lastNanos = 0;
        }

        @Override
        public void status(String line) {
            emitter.emit(OllamaStoreBodies.Progress.of(line));
        }

        @Override
        public void transfer(String label, long done, long total) {
            long now = System.nanoTime();
            if (digest != null && (done == total || lastNanos == 0 || now - lastNanos >= PROGRESS_INTERVAL_NANOS)) {
                lastNanos = now;
                // Ollama's status names the blob by the first 12 hex digits of its digest
                emitter.emit(new OllamaStoreBodies.Progress("pulling " + digest.substring(7, 19), digest, total,
                        done));
            }
        }

        @Override
        public void transferEnded(String label) {
            digest = null;
        }
    }
}
