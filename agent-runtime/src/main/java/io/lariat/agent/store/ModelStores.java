package io.lariat.agent.store;

import io.lariat.agent.backend.ModelResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lariat's model store and the local Ollama store, and how a model reference resolves against them.
 *
 * <p>A reference is, in order: an existing file (a GGUF path), a name in Lariat's store ({@code LARIAT_MODELS}, else
 * {@code ~/.lariat/models}), or a name in Ollama's store ({@code OLLAMA_MODELS}, else {@code ~/.ollama/models}).
 * Names match exactly after {@link ModelName#parse} fills in the defaults; the CLI, the server's
 * {@link #resolver()} and the HTTP model endpoints all look models up here.
 *
 * @param lariat Lariat's own store, where {@code pull} writes
 * @param ollama the Ollama store, read only
 */
public record ModelStores(ModelStore lariat, ModelStore ollama) {

    /** The stores of this process's environment and the user's home folder. */
    public static ModelStores ofSystem() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The stores named by the environment, relative to {@code home} when not set. */
    public static ModelStores of(Map<String, String> env, Path home) {
        return new ModelStores(
                new ModelStore("lariat", folder(env.get("LARIAT_MODELS"), home.resolve(".lariat/models"))),
                new ModelStore("ollama", folder(env.get("OLLAMA_MODELS"), home.resolve(".ollama/models"))));
    }

    /**
     * The GGUF file a reference names.
     *
     * @throws ModelStoreException naming both stores when nothing matches, or when a stored model's blob is missing
     */
    public Path resolve(String reference) {
        Path path = Path.of(reference);
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!ModelName.looksLikeName(reference)) {
            throw new ModelStoreException("no such model file: " + reference);
        }
        ModelName name = ModelName.parse(reference);
        return find(name).map(StoredModel::modelBlob).map(blob -> checked(reference, blob))
                .orElseThrow(() -> new ModelStoreException("unknown model '" + reference + "': not a file, and not in "
                        + lariat.root() + " or " + ollama.root() + namesakesHint(name)
                        + " (try: lariat pull " + reference + ")"));
    }

    /** The stored model called exactly {@code name}: Lariat's store first, then Ollama's. */
    public Optional<StoredModel> find(ModelName name) {
        return lariat.find(name).or(() -> ollama.find(name));
    }

    /** The models of both stores that share {@code name}'s model and tag but not its host or namespace. */
    public List<StoredModel> namesakes(ModelName name) {
        List<StoredModel> all = new ArrayList<>(lariat.namesakes(name));
        all.addAll(ollama.namesakes(name));
        return all;
    }

    /**
     * Says, when other stored models share the model name and tag, what {@code name} means and which full names
     * exist ({@code ""} when none do): a short name never picks one of them.
     */
    public String namesakesHint(ModelName name) {
        List<String> others = namesakes(name).stream().map(m -> m.name().display()).distinct().toList();
        return others.isEmpty() ? "" : "; '" + name.display() + "' means " + name.full()
                + ", and a short name never matches another host or namespace: name one of "
                + String.join(", ", others) + " in full";
    }

    /**
     * These stores as the server's {@link ModelResolver}: a name, never a path, to its model's GGUF blob; for a name
     * it does not know it names the manifest file each store would hold.
     */
    public ModelResolver resolver() {
        return new ModelResolver() {
            @Override
            public Optional<Path> resolve(String reference) {
                try {
                    return find(ModelName.parse(reference)).map(StoredModel::modelBlob);
                } catch (ModelStoreException notAName) {
                    return Optional.empty();
                }
            }

            @Override
            public List<String> searched(String reference) {
                ModelName name;
                try {
                    name = ModelName.parse(reference);
                } catch (ModelStoreException notAName) {
                    return List.of("not a model name (" + notAName.getMessage() + ")");
                }
                return List.of("no manifest " + lariat.manifestPath(name) + " (Lariat's store)",
                        "no manifest " + ollama.manifestPath(name) + " (Ollama's store)" + namesakesHint(name));
            }
        };
    }

    /** Every model of both stores: Lariat's first. */
    public List<StoredModel> list() {
        List<StoredModel> all = new ArrayList<>(lariat.list());
        all.addAll(ollama.list());
        return all;
    }

    private static Path checked(String reference, Path blob) {
        if (!Files.isRegularFile(blob)) {
            throw new ModelStoreException("model '" + reference + "' is incomplete: its blob " + blob
                    + " is missing");
        }
        return blob;
    }

    private static Path folder(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
