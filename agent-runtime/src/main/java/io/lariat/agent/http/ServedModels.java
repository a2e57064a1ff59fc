package io.lariat.agent.http;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.ModelNotFoundException;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.config.LariatConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models the HTTP API serves, by name; every dialect resolves its {@code model} field here.
 *
 * <p>A request names a model as the CLI does: a registered name, with or without Ollama's implicit {@code :latest}
 * tag, a GGUF file's name without {@code .gguf}, its path, or a {@code name:tag} of the model store. Names not yet
 * served are loaded through the {@link AgentRuntime}'s model registry on first use and then listed under the
 * backend's name; {@code lariat.model} is loaded at startup. Backends given to {@link #register} are owned (and
 * closed) here, the others by the runtime. Thread-safe.
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

    /**
     * Loads {@code lariat.model} so that the first request does not wait for it.
     *
     * @throws ModelNotFoundException naming the key's value when it resolves to nothing
     */
    void preload(@Observes StartupEvent startup) {
        config.model().ifPresent(this::find);
    }

    /** Adds or replaces a model under its name; the registry owns the backend and closes it when replaced. */
    public void register(ServedModel model) {
        ServedModel old;
        synchronized (this) {
            old = models.put(model.name(), model);
            old = old != null && owned.contains(model.name()) ? old : null;
            owned.add(model.name());
        }
        if (old != null && old.backend() != model.backend()) {
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
        if (old != null && close) {
            old.backend().close();
        }
    }

    /**
     * The model a request names, loading it on first use.
     *
     * @throws ModelNotFoundException when nothing serves or resolves the name
     */
    public ServedModel find(String reference) {
        Optional<ServedModel> served = lookup(reference);
        if (served.isPresent()) {
            return served.get();
        }
        if (reference == null || reference.isBlank()) {
            throw new ModelNotFoundException(String.valueOf(reference), "no model named");
        }
        ModelBackend backend;
        try {
            backend = runtime.models().backend(reference);
        } catch (ModelNotFoundException e) {
            throw new ModelNotFoundException(reference, e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                    + "; served models are " + names());
        }
        return adopt(reference, backend);
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
        List<ServedModel> mine = new ArrayList<>();
        synchronized (this) {
            models.forEach((name, model) -> {
                if (owned.contains(name)) {
                    mine.add(model);
                }
            });
            models.clear();
            owned.clear();
        }
        mine.forEach(m -> m.backend().close());
    }

    private synchronized ServedModel adopt(String reference, ModelBackend backend) {
        ServedModel model = models.get(backend.name());
        if (model == null || model.backend() != backend) {
            ModelDetails details = backend instanceof EmbeddedBackend embedded
                    ? GgufDetails.of(embedded.engine()) : GgufDetails.unknown(backend);
            model = new ServedModel(backend.name(), backend, details);
            models.put(backend.name(), model);
        }
        aliases.put(reference, backend.name());
        return model;
    }

    private static List<String> candidates(String reference) {
        List<String> names = new ArrayList<>(List.of(reference));
        if (reference.endsWith(LATEST)) {
            names.add(reference.substring(0, reference.length() - LATEST.length()));
        } else {
            names.add(reference + LATEST);
        }
        if (reference.endsWith(".gguf") || reference.contains("/")) {
            Path file = Path.of(reference).getFileName();
            if (file != null) {
                names.add(file.toString().replaceFirst("\\.gguf$", ""));
            }
        }
        return names;
    }
}
