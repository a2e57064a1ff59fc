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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Downloads models into a {@link ModelStore}: from an Ollama-compatible registry (manifest, then each blob) or from
 * a direct GGUF URL.
 *
 * <p>Every blob is fetched into a {@code -partial} file that a later pull resumes, checked against its sha256
 * digest (a mismatch deletes it), and moved into place atomically; a model layer must start with the GGUF magic; the
 * manifest is written last, so an interrupted, corrupt or foreign download never leaves a model that looks complete.
 * Two pulls of the same blob, in this process or another, never write its partial file at once: the later one waits
 * for the earlier ({@link BlobLock}), then finds the blob in place or resumes what is left. Redirects are followed by
 * {@link BlobDownload}'s rule (a registry may send blobs to another host, a CDN; never to a scheme other than http or
 * https, never from https to http, at most {@value BlobDownload#MAX_REDIRECTS} in a row). Sizes and times are bounded
 * by {@link PullLimits}. One puller serves one pull at a time; pulls on separate pullers may run concurrently.
 */
public final class ModelPuller {
    /** The public Ollama registry. */
    public static final URI DEFAULT_REGISTRY = URI.create("https://registry.ollama.ai");

    /** How long a pull waits for a response, or for the next bytes of one, before it fails. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = PullLimits.DEFAULT.idleTimeout();

    private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http;
    private final ModelStore store;
    private final PullProgress progress;
    private final BlobDownload download;
    private final PullLimits limits;

    /**
     * The HTTP client a pull should use: HTTP/1.1, {@code connectTimeout} to connect, and no redirects of its own,
     * so that the puller applies its redirect rule and names the refused hop.
     */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** A puller writing into {@code store} and reporting to {@code progress}, with {@link PullLimits#DEFAULT}. */
    public ModelPuller(HttpClient http, ModelStore store, PullProgress progress) {
        this(http, store, progress, PullLimits.DEFAULT);
    }

    /** A puller with the default limits but {@code idleTimeout} without a response or without new bytes. */
    public ModelPuller(HttpClient http, ModelStore store, PullProgress progress, Duration idleTimeout) {
        this(http, store, progress, PullLimits.DEFAULT.withIdleTimeout(idleTimeout));
    }

    /** A puller bounded by {@code limits}; connecting is bounded by {@code http}'s connect timeout. */
    public ModelPuller(HttpClient http, ModelStore store, PullProgress progress, PullLimits limits) {
        this.http = http;
        this.store = store;
        this.progress = progress;
        this.limits = limits;
        this.download = new BlobDownload(http, progress, limits);
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
        String source = name.display() + " from " + registry.getAuthority();
        Manifest manifest = Manifest.parse(json, source);
        if (manifest.modelLayer().isEmpty()) {
            throw new ModelStoreException("model " + source + " has no GGUF layer (" + Manifest.MODEL_MEDIA_TYPE
                    + ")");
        }
        for (Manifest.Layer layer : manifest.blobs()) {
            fetchBlob(URI.create(base + "/blobs/" + layer.digest()), layer, source);
        }
        progress.status("writing manifest");
        store.writeManifest(stored, json);
        progress.status("success");
        return store.find(stored).orElseThrow();
    }

    /**
     * Pulls a GGUF file from a direct URL; it is stored as {@code <file name>:latest} under the URL's host.
     *
     * @throws ModelStoreException when the URL names no file, the transfer breaks or the file is not GGUF
     */
    public StoredModel pullUrl(URI url) {
        ModelName name = nameOf(url);
        String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        Path partial = store.blobs().resolve("partial-" + Integer.toHexString(url.toString().hashCode()));
        Manifest.Layer layer;
        try (BlobLock lock = BlobLock.acquire(partial, () -> waiting(file))) {
            String digest = download.fetch(url, partial, -1, file);
            requireGguf(partial, url.toString(), true);
            layer = new Manifest.Layer(Manifest.MODEL_MEDIA_TYPE, digest, size(partial));
            BlobDownload.commit(partial, store.blob(layer));
        }
        store.writeManifest(name, new Manifest(null, List.of(layer)).toJson());
        progress.status("success");
        return store.find(name).orElseThrow();
    }

    /**
     * The store name of a direct URL: its file name without {@code .gguf}, lower case, under the URL's host.
     *
     * @throws ModelStoreException when the URL's path ends without a file name
     */
    static ModelName nameOf(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        String model = file.replaceFirst("(?i)\\.gguf$", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-").replaceFirst("^[^a-z0-9]+", "");
        if (model.isEmpty()) {
            throw new ModelStoreException("the URL " + url + " names no file; give the address of a .gguf file, "
                    + "such as https://host/path/model.gguf");
        }
        return new ModelName(hostOf(url), ModelName.DEFAULT_NAMESPACE, model, ModelName.DEFAULT_TAG);
    }

    private void fetchBlob(URI uri, Manifest.Layer layer, String source) {
        Path target = store.blob(layer);
        Path partial = target.resolveSibling(layer.blobFileName() + "-partial");
        String label = layer.digest().substring(0, 19);
        // checked under the lock: a pull that waited finds what the one before it committed
        try (BlobLock lock = BlobLock.acquire(partial, () -> waiting(label))) {
            fetchBlob(uri, layer, source, target, partial);
        }
    }

    private void waiting(String label) {
        progress.status("waiting for another pull of " + label);
    }

    private void fetchBlob(URI uri, Manifest.Layer layer, String source, Path target, Path partial) {
        boolean model = Manifest.MODEL_MEDIA_TYPE.equals(layer.mediaType());
        if (Files.isRegularFile(target) && size(target) == layer.size()) {
            if (model) {
                requireGguf(target, "the stored model layer " + layer.digest() + " of " + source, false);
            }
            return;
        }
        progress.layer(layer);
        String label = layer.digest().substring(0, 19);
        String actual = download.fetch(uri, partial, layer.size(), label);
        progress.status("verifying sha256 digest");
        long received = size(partial);
        if (!actual.equals(layer.digest()) || received != layer.size()) {
            delete(partial);
            throw new ModelStoreException("blob " + layer.digest() + " of " + source + " is corrupt (received "
                    + received + " bytes with digest " + actual + "); the download was discarded");
        }
        if (model) {
            requireGguf(partial, "the model layer " + layer.digest() + " of " + source, true);
        }
        BlobDownload.commit(partial, target);
    }

    private byte[] manifest(URI uri, ModelName name) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", Manifest.MANIFEST_MEDIA_TYPE).GET();
        String label = "the manifest of " + name.display() + " from " + uri.getAuthority();
        try {
            HttpResponse<InputStream> response = BlobDownload.send(http, request, limits.idleTimeout());
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (response.statusCode() != 200 || length > limits.maxManifestBytes()) {
                response.body().close();
            }
            if (response.statusCode() == 404) {
                throw new ModelStoreException("model '" + name.display() + "' not found in registry "
                        + uri.getScheme() + "://" + uri.getAuthority());
            }
            if (response.statusCode() != 200) {
                throw new ModelStoreException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            if (length > limits.maxManifestBytes()) {
                throw new ModelStoreException(label + " is larger than " + BlobDownload.human(
                        limits.maxManifestBytes()) + "; refused");
            }
            return BlobDownload.readAll(response.body(), limits, limits.maxManifestBytes(), label);
        } catch (IOException e) {
            throw new ModelStoreException("download of " + label + " failed: " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code file} starts with the GGUF magic, deleting it first when {@code discard}. */
    static void requireGguf(Path file, String what, boolean discard) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(GGUF_MAGIC.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Arrays.equals(magic, GGUF_MAGIC)) {
            if (discard) {
                delete(file);
            }
            throw new ModelStoreException(what + " is not a GGUF file (no GGUF magic)"
                    + (discard ? "; the download was discarded" : ""));
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
