package io.lariat.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One model folder in Ollama's layout: {@code manifests/<host>/<namespace>/<model>/<tag>} (JSON) and
 * {@code blobs/sha256-<hex>}. Lariat's own store uses the same layout as Ollama's, so either is read the same way.
 *
 * <p>A model is complete exactly when its manifest exists: downloads write blobs first and the manifest last, each
 * by an atomic move. Not thread-safe across processes beyond what those atomic moves give.
 *
 * @param label a short name for messages ({@code lariat} or {@code ollama})
 * @param root  the folder
 */
public record ModelStore(String label, Path root) {

    /** The manifests folder. */
    public Path manifests() {
        return root.resolve("manifests");
    }

    /** The blobs folder. */
    public Path blobs() {
        return root.resolve("blobs");
    }

    /** Where the blob of {@code layer} lives (whether or not it exists). */
    public Path blob(Manifest.Layer layer) {
        return blobs().resolve(layer.blobFileName());
    }

    /** Where the manifest of {@code name} lives (whether or not it exists). */
    public Path manifestPath(ModelName name) {
        return manifests().resolve(name.host()).resolve(name.namespace()).resolve(name.model()).resolve(name.tag());
    }

    /**
     * The stored model called exactly {@code name}. A short name was filled in with the documented defaults by
     * {@link ModelName#parse}, so it never matches a model of another host or namespace.
     */
    public Optional<StoredModel> find(ModelName name) {
        Path exact = manifestPath(name);
        return Files.isRegularFile(exact) ? Optional.of(read(exact)) : Optional.empty();
    }

    /**
     * The stored models with the model name and tag of {@code name} under another host or namespace: what a user
     * may have meant by a short name that {@link #find} does not match. Never used to pick a model, only to say so.
     */
    public List<StoredModel> namesakes(ModelName name) {
        return list().stream().filter(m -> m.name().model().equals(name.model())
                && m.name().tag().equals(name.tag()) && !m.name().equals(name)).toList();
    }

    /** Every model whose manifest has a model layer, by name. */
    public List<StoredModel> list() {
        Path manifests = manifests();
        if (!Files.isDirectory(manifests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(manifests, 4)) {
            return files.filter(p -> manifests.relativize(p).getNameCount() == 4 && Files.isRegularFile(p))
                    .map(this::read).filter(m -> m.modelBlob() != null)
                    .sorted(Comparator.comparing(m -> m.name().display())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the model's manifest, then every blob no other manifest of this store uses.
     *
     * @throws ModelStoreException when the store has no model of exactly that name (nothing is deleted)
     */
    public StoredModel remove(ModelName name) {
        StoredModel model = find(name).orElseThrow(() -> new ModelStoreException("model '" + name.display()
                + "' not found in " + root + "; nothing was deleted"));
        try {
            Files.delete(model.manifestFile());
            Set<String> used = new HashSet<>();
            list().forEach(m -> m.manifest().blobs().forEach(l -> used.add(l.blobFileName())));
            for (Manifest.Layer layer : model.manifest().blobs()) {
                if (!used.contains(layer.blobFileName())) {
                    Files.deleteIfExists(blob(layer));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    /** Writes {@code json} as the manifest of {@code name} by an atomic move, which makes the model visible. */
    public void writeManifest(ModelName name, byte[] json) {
        Path target = manifestPath(name);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".manifest-", ".tmp");
            Files.write(temp, json);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredModel read(Path manifestFile) {
        Path rel = manifests().relativize(manifestFile);
        ModelName name = new ModelName(rel.getName(0).toString(), rel.getName(1).toString(),
                rel.getName(2).toString(), rel.getName(3).toString());
        try {
            Manifest manifest = Manifest.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
            Path blob = manifest.modelLayer().map(this::blob).orElse(null);
            long size = manifest.blobs().stream().mapToLong(Manifest.Layer::size).sum();
            Instant modified = Files.getLastModifiedTime(manifestFile).toInstant();
            return new StoredModel(this, name, manifestFile, manifest, blob, size, modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
