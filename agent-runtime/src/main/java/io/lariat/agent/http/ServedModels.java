package io.lariat.agent.http;

import io.lariat.agent.ModelNotFoundException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the HTTP API serves, by name; every dialect resolves its {@code model} field here.
 *
 * <p>A request may name a model exactly as registered, with or without Ollama's implicit {@code :latest} tag, or
 * by the path of its GGUF file (matched on the file name without {@code .gguf}). The registry owns the backends
 * and closes them at shutdown. Thread-safe.
 */
@ApplicationScoped
public class ServedModels {
    private static final String LATEST = ":latest";
    private final Map<String, ServedModel> models = new LinkedHashMap<>();

    /** Adds or replaces a model under its name, closing a replaced backend. */
    public void register(ServedModel model) {
        ServedModel old;
        synchronized (this) {
            old = models.put(model.name(), model);
        }
        if (old != null && old.backend() != model.backend()) {
            old.backend().close();
        }
    }

    /** Removes and closes the model, if served. */
    public void remove(String name) {
        ServedModel old;
        synchronized (this) {
            old = models.remove(name);
        }
        if (old != null) {
            old.backend().close();
        }
    }

    /**
     * The model a request names.
     *
     * @throws ModelNotFoundException when no served model matches, listing the served names
     */
    public ServedModel find(String reference) {
        return lookup(reference).orElseThrow(() -> new ModelNotFoundException(reference,
                "served models are " + names()));
    }

    /** The model a request names, if served. */
    public synchronized Optional<ServedModel> lookup(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        for (String candidate : candidates(reference)) {
            ServedModel model = models.get(candidate);
            if (model != null) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    /** Every served model, in registration order. */
    public synchronized List<ServedModel> all() {
        return List.copyOf(models.values());
    }

    /** The served names, in registration order. */
    public synchronized List<String> names() {
        return List.copyOf(models.keySet());
    }

    /** Closes every backend. */
    @PreDestroy
    void close() {
        List<ServedModel> all;
        synchronized (this) {
            all = new ArrayList<>(models.values());
            models.clear();
        }
        all.forEach(m -> m.backend().close());
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
