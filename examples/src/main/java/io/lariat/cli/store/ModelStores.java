package io.lariat.cli.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lariat's model store and the local Ollama store, and how a model reference resolves against them.
 *
 * <p>A reference is, in order: an existing file (a GGUF path), a name in Lariat's store ({@code LARIAT_MODELS}, else
 * {@code ~/.lariat/models}), or a name in Ollama's store ({@code OLLAMA_MODELS}, else {@code ~/.ollama/models}).
 *
 * @param lariat Lariat's own store, where {@code pull} writes
 * @param ollama the Ollama store, read only
 */
public record ModelStores(ModelStore lariat, ModelStore ollama) {

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
        return find(ModelName.parse(reference)).map(StoredModel::modelBlob).map(blob -> checked(reference, blob))
                .orElseThrow(() -> new ModelStoreException("unknown model '" + reference + "': not a file, and not in "
                        + lariat.root() + " or " + ollama.root() + " (try: lariat pull " + reference + ")"));
    }

    /** The stored model of a name: Lariat's store first, then Ollama's. */
    public java.util.Optional<StoredModel> find(ModelName name) {
        return lariat.find(name).or(() -> ollama.find(name));
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
