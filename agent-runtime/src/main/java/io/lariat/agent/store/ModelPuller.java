package io.lariat.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads models into a {@link ModelStore}: from an Ollama-compatible registry (manifest, then each blob) or from
 * a direct GGUF URL.
 *
 * <p>Every blob is fetched into a {@code -partial} file that a later pull resumes, checked against its sha256
 * digest (a mismatch deletes it), and moved into place atomically; the manifest is written last, so an interrupted
 * or corrupt download never leaves a model that looks complete. Not thread-safe.
 */
public final class ModelPuller {
    /** The public Ollama registry. */
    public static final URI DEFAULT_REGISTRY = URI.create("https://registry.ollama.ai");

    /** How long a pull waits for a response, or for the next bytes of one, before it fails. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    private final HttpClient http;
    private final ModelStore store;
    private final PullProgress progress;
    private final BlobDownload download;
    private final Duration idleTimeout;

    /** A puller writing into {@code store} and reporting to {@code progress}, idle timeout {@link #DEFAULT_IDLE_TIMEOUT}. */
    public ModelPuller(HttpClient http, ModelStore store, PullProgress progress) {
        this(http, store, progress, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * A puller whose requests fail after {@code idleTimeout} without a response or without new bytes; connecting is
     * bounded by {@code http}'s connect timeout.
     */
    public ModelPuller(HttpClient http, ModelStore store, PullProgress progress, Duration idleTimeout) {
        this.http = http;
        this.store = store;
        this.progress = progress;
        this.idleTimeout = idleTimeout;
        this.download = new BlobDownload(http, progress, idleTimeout);
    }

    /**
     * Pulls {@code name} from the registry at {@code registry} (its host replaces the name's host in the store).
     *
     * @throws ModelStoreException when the registry lacks the model, a transfer breaks or a blob is corrupt
     */
    public StoredModel pull(ModelName name, URI registry) {
        ModelName stored = name.withHost(hostOf(registry));
        String base = registry.toString().replaceFirst("/+$", "") + "/v2/" + name.namespace() + "/" + name.model();
        progress.status("pulling manifest");
        byte[] json = manifest(URI.create(base + "/manifests/" + name.tag()), name);
        Manifest manifest = Manifest.parse(json, name.display());
        if (manifest.modelLayer().isEmpty()) {
            throw new ModelStoreException("model '" + name.display() + "' has no GGUF layer ("
                    + Manifest.MODEL_MEDIA_TYPE + ")");
        }
        for (Manifest.Layer layer : manifest.blobs()) {
            fetchBlob(URI.create(base + "/blobs/" + layer.digest()), layer);
        }
        progress.status("writing manifest");
        store.writeManifest(stored, json);
        progress.status("success");
        return store.find(stored).orElseThrow();
    }

    /**
     * Pulls a GGUF file from a direct URL; it is stored as {@code <file name>:latest} under the URL's host.
     *
     * @throws ModelStoreException when the transfer breaks or the file is not GGUF
     */
    public StoredModel pullUrl(URI url) {
        String file = Path.of(url.getPath()).getFileName().toString();
        String model = file.replaceFirst("(?i)\\.gguf$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        ModelName name = new ModelName(hostOf(url), ModelName.DEFAULT_NAMESPACE, model, ModelName.DEFAULT_TAG);
        Path partial = store.blobs().resolve("partial-" + Integer.toHexString(url.toString().hashCode()));
        String digest = download.fetch(url, partial, -1, file);
        checkGguf(partial, url);
        long size = size(partial);
        Manifest.Layer layer = new Manifest.Layer(Manifest.MODEL_MEDIA_TYPE, digest, size);
        BlobDownload.commit(partial, store.blob(layer));
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"layers\":[{\"mediaType\":\""
                + Manifest.MODEL_MEDIA_TYPE + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}]}";
        store.writeManifest(name, json.getBytes(StandardCharsets.UTF_8));
        progress.status("success");
        return store.find(name).orElseThrow();
    }

    private void fetchBlob(URI uri, Manifest.Layer layer) {
        Path target = store.blob(layer);
        if (Files.isRegularFile(target) && size(target) == layer.size()) {
            return;
        }
        Path partial = target.resolveSibling(layer.blobFileName() + "-partial");
        String label = layer.digest().substring(0, 19);
        String actual = download.fetch(uri, partial, layer.size(), label);
        progress.status("verifying sha256 digest");
        long received = size(partial);
        if (!actual.equals(layer.digest()) || received != layer.size()) {
            delete(partial);
            throw new ModelStoreException("blob " + layer.digest() + " is corrupt (received " + received
                    + " bytes with digest " + actual + "); the download was discarded");
        }
        BlobDownload.commit(partial, target);
    }

    private byte[] manifest(URI uri, ModelName name) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", MANIFEST_TYPE).GET();
        try {
            HttpResponse<InputStream> response = BlobDownload.send(http, request,
                    HttpResponse.BodyHandlers.ofInputStream(), idleTimeout);
            if (response.statusCode() != 200) {
                response.body().close();
            }
            if (response.statusCode() == 404) {
                throw new ModelStoreException("model '" + name.display() + "' not found in registry "
                        + uri.getScheme() + "://" + uri.getAuthority());
            }
            if (response.statusCode() != 200) {
                throw new ModelStoreException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            return BlobDownload.readAll(response.body(), idleTimeout, "the manifest of " + name.display());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkGguf(Path file, URI url) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (!"GGUF".equals(new String(magic, StandardCharsets.US_ASCII))) {
                delete(file);
                throw new ModelStoreException(url + " is not a GGUF file (no GGUF magic); the download was discarded");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
