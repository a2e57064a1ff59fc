package io.lariat.agent.chat;

import io.lariat.agent.InvalidRequestException;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.ModelNotFoundException;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.http.StoredModels;
import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStoreException;
import io.lariat.agent.store.StoredModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models the HTTP API serves, by name; every dialect resolves its {@code model} field here.
 *
 * <p>A request names a model by a served name, with or without Ollama's implicit {@code :latest} tag, or by a
 * {@code name:tag} of the model store (loaded on first use and then listed under the backend's name). Requests
 * never name files: a reference that looks like a path is refused, and one that is not served is only looked up in
 * the model store, so a client cannot make the server read a file the operator did not offer. The operator's own
 * references ({@code lariat.model}, {@code lariat.agents.<name>.model}, {@link #load}) may be GGUF paths; a
 * request may repeat such a configured reference verbatim. {@code lariat.model} is loaded at startup. Backends
 * given to {@link #register} are owned (and closed) here, the others by the runtime.
 *
 * <p>A model-store name is served under that name with its stored model's {@link ModelProfile} (system prompt and
 * parameters), even when another name of the same weights file loaded them first: the names share the backend
 * (one engine per file), never their identity, and the backend is freed when the last name using it is unloaded.
 * Thread-safe.
 */
@ApplicationScoped
public class ServedModels {
    private static final String LATEST = ":latest";
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Set<String> owned = new HashSet<>();

    @Inject
    AgentRuntime runtime;

    @Inject
    LariatConfig config;

    @Inject
    StoredModels stored;

    /**
     * Loads the default model ({@code lariat.model}, else the application's fallback) so that the first request
     * does not wait for it.
     *
     * @throws ModelNotFoundException naming the key's value when it resolves to nothing
     */
    void preload(@Observes StartupEvent startup) {
        runtime.defaultModel().ifPresent(this::load);
    }

    /** Adds or replaces a model under its name; the registry owns the backend and closes it when replaced. */
    public void register(ServedModel model) {
        ServedModel old;
        synchronized (this) {
            old = models.put(model.name(), model);
            old = old != null && owned.contains(model.name()) ? old : null;
            owned.add(model.name());
        }
        if (old != null && old.backend() != model.backend() && !inUse(old.backend())) {
            old.backend().close();
        }
    }

    /** Stops serving the model; closes it when it was registered here. */
    public void remove(String name) {
        ServedModel old;
        boolean close;
        synchronized (this) {
            old = models.remove(name);
            close = owned.remove(name);
            aliases.values().removeIf(name::equals);
        }
        if (old != null && close && !inUse(old.backend())) {
            old.backend().close();
        }
    }

    /**
     * Stops serving a model a client loaded and frees it (Ollama's {@code keep_alive: 0}); the next request naming
     * it loads it again. Models named by configuration stay loaded: agents hold them.
     *
     * @return whether the model was loaded
     * @throws InvalidRequestException when the model is configured ({@code lariat.model}, an agent's model)
     */
    public boolean unload(String reference) {
        ServedModel model = lookup(reference).orElse(null);
        if (model == null) {
            return false;
        }
        boolean pinned;
        synchronized (this) {
            pinned = configured(model.name()) || aliases.entrySet().stream()
                    .anyMatch(a -> a.getValue().equals(model.name()) && configured(a.getKey()));
        }
        if (pinned) {
            throw InvalidRequestException.badValue("$.model", "model '" + model.name() + "' is configured "
                    + "(lariat.model or an agent's model) and stays loaded");
        }
        boolean close;
        synchronized (this) {
            models.remove(model.name());
            aliases.values().removeIf(model.name()::equals);
            close = owned.remove(model.name());
        }
        if (inUse(model.backend())) {
            return true; // another name of the same weights still serves them
        }
        if (close) {
            model.backend().close();
        } else {
            runtime.models().unload(model.backend());
        }
        return true;
    }

    /**
     * The model a client's request names: a served name, a configured reference, or a model-store name loaded on
     * first use; never a file path the operator did not configure.
     *
     * @throws ModelNotFoundException when nothing serves the name, or it is a path
     */
    public ServedModel find(String reference) {
        Optional<ServedModel> served = lookup(reference);
        if (served.isPresent()) {
            return served.get();
        }
        if (reference == null || reference.isBlank()) {
            throw new ModelNotFoundException(String.valueOf(reference), "no model named");
        }
        if (configured(reference)) {
            return load(reference);
        }
        if (looksLikePath(reference)) {
            throw new ModelNotFoundException(reference,
                    "models are named, not given as file paths; served models are " + names());
        }
        ModelBackend backend;
        try {
            backend = runtime.models().namedBackend(reference);
        } catch (ModelNotFoundException e) {
            throw withServedNames(reference, e);
        }
        return adopt(reference, backend);
    }

    /**
     * Serves the model of an operator's reference (a GGUF path or a model name), loading it on first use; never
     * called with a client's reference.
     *
     * @throws ModelNotFoundException when nothing resolves the reference
     */
    public ServedModel load(String reference) {
        Optional<ServedModel> served = lookup(reference);
        if (served.isPresent()) {
            return served.get();
        }
        ModelBackend backend;
        try {
            backend = runtime.models().backend(reference);
        } catch (ModelNotFoundException e) {
            throw withServedNames(reference, e);
        }
        return adopt(reference, backend);
    }

    /**
     * As {@link #find}, with the time this call spent loading the model: zero when it was served already (Ollama's
     * {@code load_duration}).
     */
    public FindResult findTimed(String reference) {
        Optional<ServedModel> served = lookup(reference);
        if (served.isPresent()) {
            return new FindResult(served.get(), Duration.ZERO);
        }
        long start = System.nanoTime();
        ServedModel model = find(reference);
        return new FindResult(model, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A model found for a request.
     *
     * @param model the served model
     * @param load  time spent loading it for this request (or waiting for a concurrent load); zero when served
     */
    public record FindResult(ServedModel model, Duration load) {
    }

    /** The model a request names, if it is served already. */
    public synchronized Optional<ServedModel> lookup(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        for (String candidate : candidates(reference)) {
            ServedModel model = models.get(aliases.getOrDefault(candidate, candidate));
            if (model != null) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    /**
     * The profile of the model a request names, read without loading it (Ollama reads a model's parameters before
     * scheduling it): a served model's own, else that of the stored model of that name, else {@link ModelProfile#NONE}.
     */
    public ModelProfile profile(String reference) {
        return lookup(reference).map(ServedModel::profile)
                .orElseGet(() -> storedModel(reference).map(ModelProfile::of).orElse(ModelProfile.NONE));
    }

    /** The served names, in the order they were first served. */
    public synchronized List<String> names() {
        return List.copyOf(models.keySet());
    }

    /** Every served model, in the order they were first served. */
    public synchronized List<ServedModel> all() {
        return List.copyOf(models.values());
    }

    /** Closes the backends registered here; the runtime closes its own. */
    @PreDestroy
    void close() {
        Set<ModelBackend> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        synchronized (this) {
            models.forEach((name, model) -> {
                if (owned.contains(name)) {
                    mine.add(model.backend());
                }
            });
            models.clear();
            owned.clear();
        }
        mine.forEach(ModelBackend::close);
    }

    /** Serves {@code backend} under the store name {@code reference} gives, else under the backend's own name. */
    private synchronized ServedModel adopt(String reference, ModelBackend backend) {
        Optional<StoredModel> own = storedModel(reference);
        String name = own.map(m -> m.name().display()).orElse(backend.name());
        ServedModel model = models.get(name);
        if (model == null || model.backend() != backend) {
            ModelDetails details = models.values().stream().filter(m -> m.backend() == backend).findFirst()
                    .map(ServedModel::details).orElseGet(() -> backend instanceof EmbeddedBackend embedded
                            ? GgufDetails.of(embedded.engine()) : GgufDetails.unknown(backend));
            model = new ServedModel(name, backend, details, own.map(ModelProfile::of).orElse(ModelProfile.NONE));
            models.put(name, model);
        }
        aliases.put(reference, name);
        return model;
    }

    /** Whether a served model still uses {@code backend}. */
    private synchronized boolean inUse(ModelBackend backend) {
        return models.values().stream().anyMatch(m -> m.backend() == backend);
    }

    /** The stored model a reference names exactly; empty for paths, configured backends and unknown names. */
    private Optional<StoredModel> storedModel(String reference) {
        if (reference == null || !ModelName.looksLikeName(reference) || looksLikePath(reference)) {
            return Optional.empty();
        }
        try {
            return stored.stores().find(ModelName.parse(reference));
        } catch (ModelStoreException notAName) {
            return Optional.empty();
        }
    }

    private ModelNotFoundException withServedNames(String reference, ModelNotFoundException e) {
        return new ModelNotFoundException(reference, e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                + "; served models are " + names());
    }

    private boolean configured(String reference) {
        return runtime.defaultModel().filter(reference::equals).isPresent() || config.agents().values().stream()
                .anyMatch(agent -> agent.model().filter(reference::equals).isPresent());
    }

    /** Path syntax no model name has: Ollama names are {@code [host/][namespace/]model[:tag]} of plain words. */
    private static boolean looksLikePath(String reference) {
        return reference.startsWith("/") || reference.startsWith("~") || reference.contains("\\")
                || reference.toLowerCase(Locale.ROOT).endsWith(".gguf") || reference.contains("://")
                || Arrays.stream(reference.split("/")).anyMatch(part -> part.equals(".") || part.equals(".."));
    }

    private static List<String> candidates(String reference) {
        if (reference.endsWith(LATEST)) {
            return List.of(reference, reference.substring(0, reference.length() - LATEST.length()));
        }
        return List.of(reference, reference + LATEST);
    }
}
