package io.lariat.agent.backend;

import io.lariat.agent.ModelNotFoundException;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.model.KvCache;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models of one process, loaded once each and shared by every agent that names them.
 *
 * <p>A reference resolves, in order, to a backend registered under that name ({@link #register}, e.g. a remote
 * server), a GGUF file at that path, or the first {@link ModelResolver} that knows the name (the model store).
 * {@link #backend} takes references from the operator (configuration, the command line) and so accepts file paths;
 * {@link #namedBackend} takes them from clients and never opens a path. Embedded models are loaded on first use with
 * the registry's engine options and settings. Thread-safe; closing it closes every backend.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    private final EngineOptions engineOptions;
    private final EmbeddedSettings settings;
    private final List<ModelResolver> resolvers = new ArrayList<>();
    private final Map<String, ModelBackend> backends = new LinkedHashMap<>();
    private final Map<Path, ModelBackend> byFile = new HashMap<>();

    /**
     * @param engineOptions how embedded models are loaded (threads, KV cache type)
     * @param settings      how each embedded model is shared (context, scheduler, caches)
     */
    public ModelRegistry(EngineOptions engineOptions, EmbeddedSettings settings) {
        this.engineOptions = Objects.requireNonNull(engineOptions, "engineOptions");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Adds a resolver consulted, after earlier ones, for references that are not files. */
    public synchronized void addResolver(ModelResolver resolver) {
        resolvers.add(Objects.requireNonNull(resolver, "resolver"));
    }

    /**
     * Makes {@code backend} the model named {@code name}; the registry owns and closes it.
     *
     * @throws IllegalStateException when the name is taken
     */
    public synchronized void register(String name, ModelBackend backend) {
        if (backends.putIfAbsent(name, Objects.requireNonNull(backend, "backend")) != null) {
            throw new IllegalStateException("a model named '" + name + "' is already registered");
        }
    }

    /**
     * The backend of a model reference from the operator (a file path or a name), loading it on first use.
     *
     * @throws ModelNotFoundException when nothing resolves the reference
     */
    public synchronized ModelBackend backend(String reference) {
        ModelBackend known = backends.get(reference);
        if (known != null) {
            return known;
        }
        Path file = locate(reference).orElseThrow(() -> new ModelNotFoundException(reference, searched(reference)));
        return load(reference, file);
    }

    /** Every place a reference was looked for: the file path, then each resolver's places. */
    private synchronized String searched(String reference) {
        List<String> places = new ArrayList<>();
        places.add("no GGUF file " + Path.of(reference).toAbsolutePath());
        resolvers.forEach(resolver -> places.addAll(resolver.searched(reference)));
        return String.join("; ", places);
    }

    /**
     * The backend of a model name from a client: one already loaded or registered under that reference, or one a
     * {@link ModelResolver} (the model store) knows, loaded on first use. The reference is never opened as a file
     * path, so a client cannot make the process read a file the operator did not offer.
     *
     * @throws ModelNotFoundException when no registered model and no resolver knows the name
     */
    public synchronized ModelBackend namedBackend(String name) {
        ModelBackend known = backends.get(name);
        if (known != null) {
            return known;
        }
        Path file = resolve(name).orElseThrow(() -> new ModelNotFoundException(name, resolvers.isEmpty()
                ? "no model of that name is loaded" : "no model of that name is loaded or in the model store"));
        return load(name, file);
    }

    /**
     * Forgets every reference to {@code backend} and closes it, so that its memory is freed; a later request loads
     * the model again.
     *
     * @return whether the registry held the backend
     */
    public boolean unload(ModelBackend backend) {
        boolean held;
        synchronized (this) {
            held = backends.values().removeIf(b -> b == backend);
            byFile.values().removeIf(b -> b == backend);
        }
        if (held) {
            backend.close();
        }
        return held;
    }

    /** References loaded or registered so far. */
    public synchronized List<String> loaded() {
        return List.copyOf(backends.keySet());
    }

    // One engine per file: a store name and the path it resolves to (lariat serve --model NAME) share the model.
    private ModelBackend load(String reference, Path file) {
        Path key = file.toAbsolutePath().normalize();
        ModelBackend loaded = byFile.get(key);
        if (loaded == null) {
            // a store blob is named by its digest: the model keeps the name it was asked for instead
            String fileName = file.getFileName().toString();
            String name = fileName.startsWith("sha256-") ? storeName(reference) : fileName.replaceFirst("\\.gguf$", "");
            LlamaEngine engine = LlamaEngine.load(file, engineOptions);
            KvCache kv = engine.kvCache();
            LOG.infof("%s: KV cache memory %s (lariat.kv.memory), %d cached prefix blocks read from %s", name,
                    KvCache.describeBytes(kv.budgetBytes()), kv.stats().cached(),
                    kv.store() == null ? "nowhere" : kv.store().folder());
            loaded = new EmbeddedBackend(name, engine, settings);
            byFile.put(key, loaded);
        }
        backends.put(reference, loaded);
        return loaded;
    }

    private static String storeName(String reference) {
        try {
            return io.lariat.agent.store.ModelName.parse(reference).display();
        } catch (RuntimeException notAName) {
            return reference;
        }
    }

    private Optional<Path> locate(String reference) {
        Path path = Path.of(reference);
        if (Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        return resolve(reference);
    }

    private Optional<Path> resolve(String reference) {
        for (ModelResolver resolver : resolvers) {
            Optional<Path> found = resolver.resolve(reference);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        List<ModelBackend> all;
        synchronized (this) {
            all = List.copyOf(new LinkedHashSet<>(backends.values()));
            backends.clear();
            byFile.clear();
        }
        all.forEach(ModelBackend::close);
    }
}
