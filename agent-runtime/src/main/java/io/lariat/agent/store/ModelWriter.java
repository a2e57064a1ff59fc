package io.lariat.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes new models into Lariat's store: {@link #create} from a {@link Modelfile} ({@code lariat create},
 * {@code /api/create}) and {@link #copy} under another name ({@code lariat cp}, {@code /api/copy}).
 *
 * <p>Blobs are written first, each by an atomic move under its digest; the manifest last, so a failure leaves no
 * model that looks complete. The layers use Ollama's media types, so Ollama reads the result as its own.
 *
 * @param stores where {@code FROM} names and copy sources are looked up; new models go to the Lariat store
 */
public record ModelWriter(ModelStores stores) {

    /**
     * Creates {@code name} from {@code modelfile}; a relative {@code FROM} path is read from {@code folder}.
     * Instructions the Modelfile gives replace the base model's (all its parameters when it sets any).
     *
     * @throws ModelStoreException when {@code FROM} is neither a GGUF file nor a stored model, or a parameter is
     *                             unknown
     */
    public StoredModel create(ModelName name, Modelfile modelfile, Path folder, Consumer<String> status) {
        return create(name, modelfile, baseLayers(modelfile.from(), folder, status), status);
    }

    /**
     * Creates {@code name} from {@code base} layers ({@link #storedBase}, or uploaded blobs) and the instructions of
     * {@code modelfile} (its {@code FROM} is not read); given instructions replace the base's layers of their kind.
     *
     * @throws ModelStoreException when a parameter is unknown or has a value of the wrong type
     */
    public StoredModel create(ModelName name, Modelfile modelfile, List<Manifest.Layer> base,
                              Consumer<String> status) {
        ModelStore target = stores.lariat();
        byte[] params = modelfile.parameters().isEmpty() ? null : ModelParameters.toJson(modelfile.parameters());
        List<Manifest.Layer> layers = new ArrayList<>();
        for (Manifest.Layer layer : base) {
            boolean replaced = switch (layer.mediaType()) {
                case Manifest.TEMPLATE_MEDIA_TYPE -> modelfile.template() != null;
                case Manifest.SYSTEM_MEDIA_TYPE -> modelfile.system() != null;
                case Manifest.PARAMS_MEDIA_TYPE -> params != null;
                case Manifest.LICENSE_MEDIA_TYPE -> !modelfile.licenses().isEmpty();
                default -> false;
            };
            if (!replaced) {
                layers.add(layer);
            }
        }
        status.accept("writing layers");
        addText(layers, Manifest.TEMPLATE_MEDIA_TYPE, modelfile.template());
        addText(layers, Manifest.SYSTEM_MEDIA_TYPE, modelfile.system());
        if (params != null) {
            layers.add(writeBlob(params, Manifest.PARAMS_MEDIA_TYPE));
        }
        modelfile.licenses().forEach(text -> addText(layers, Manifest.LICENSE_MEDIA_TYPE, text));
        String config = "{\"model_format\":\"gguf\",\"model_family\":\"llama\",\"model_families\":[\"llama\"],"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", layers.stream()
                .map(l -> "\"" + l.digest() + "\"").toList()) + "]}}";
        Manifest manifest = new Manifest(writeBlob(config.getBytes(StandardCharsets.UTF_8),
                Manifest.CONFIG_MEDIA_TYPE), layers);
        status.accept("writing manifest");
        target.writeManifest(name, manifest.toJson());
        return target.find(name).orElseThrow();
    }

    /**
     * Copies {@code source} to {@code name} in Lariat's store, bringing its blobs over when it lives in Ollama's.
     *
     * @throws ModelStoreException when no stored model is called {@code source}
     */
    public StoredModel copy(ModelName source, ModelName name) {
        StoredModel from = stores.find(source).orElseThrow(() -> new ModelStoreException("model '"
                + source.display() + "' not found" + stores.namesakesHint(source)));
        ModelStore target = stores.lariat();
        for (Manifest.Layer layer : from.manifest().blobs()) {
            bring(from.store(), layer);
        }
        try {
            target.writeManifest(name, Files.readAllBytes(from.manifestFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target.find(name).orElseThrow();
    }

    private List<Manifest.Layer> baseLayers(String from, Path folder, Consumer<String> status) {
        Path file = folder.resolve(from.startsWith("~/") ? System.getProperty("user.home") + from.substring(1)
                : from);
        if (Files.isRegularFile(file)) {
            status.accept("copying model file " + file.getFileName());
            return List.of(importGguf(file));
        }
        if (!ModelName.looksLikeName(from)) {
            throw new ModelStoreException("FROM " + from + ": no such file");
        }
        return storedBase(from);
    }

    /**
     * The layers of the stored model {@code from} (a name, never a path), its blobs brought into Lariat's store.
     *
     * @throws ModelStoreException when no stored model has that name
     */
    public List<Manifest.Layer> storedBase(String from) {
        ModelName name = ModelName.parse(from);
        StoredModel base = stores.find(name).orElseThrow(() -> new ModelStoreException("FROM " + from
                + ": not a file, and no stored model has that name" + stores.namesakesHint(name)));
        base.manifest().layers().forEach(layer -> bring(base.store(), layer));
        return base.manifest().layers();
    }

    private void addText(List<Manifest.Layer> layers, String mediaType, String text) {
        if (text != null) {
            layers.add(writeBlob(text.getBytes(StandardCharsets.UTF_8), mediaType));
        }
    }

    /** Makes a blob of another store present in Lariat's (a hard link where possible, else a copy). */
    private void bring(ModelStore from, Manifest.Layer layer) {
        Path target = stores.lariat().blob(layer);
        if (from.equals(stores.lariat()) || Files.isRegularFile(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".copy-", ".tmp");
            Files.delete(temp);
            try {
                Files.createLink(temp, from.blob(layer));
            } catch (IOException | UnsupportedOperationException otherDevice) {
                Files.copy(from.blob(layer), temp);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest.Layer importGguf(Path file) {
        ModelPuller.requireGguf(file, "FROM " + file, false);
        ModelStore store = stores.lariat();
        try {
            Files.createDirectories(store.blobs());
            Path temp = Files.createTempFile(store.blobs(), ".import-", ".tmp");
            MessageDigest sha = BlobDownload.sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Manifest.Layer layer = new Manifest.Layer(Manifest.MODEL_MEDIA_TYPE, BlobDownload.digest(sha),
                    Files.size(temp));
            Files.move(temp, store.blob(layer), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return layer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest.Layer writeBlob(byte[] bytes, String mediaType) {
        ModelStore store = stores.lariat();
        MessageDigest sha = BlobDownload.sha256();
        sha.update(bytes);
        Manifest.Layer layer = new Manifest.Layer(mediaType, BlobDownload.digest(sha), bytes.length);
        try {
            Files.createDirectories(store.blobs());
            Path temp = Files.createTempFile(store.blobs(), ".blob-", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, store.blob(layer), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return layer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
