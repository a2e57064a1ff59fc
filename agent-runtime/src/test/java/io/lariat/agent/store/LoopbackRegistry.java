package io.lariat.agent.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An Ollama-compatible registry on loopback (JDK HttpServer): manifests and blobs by digest, HTTP Range, and faults
 * on demand (a blob served corrupt, or cut off mid-transfer once).
 */
public final class LoopbackRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> corrupt = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
    private final java.util.Set<String> chunked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    /** Every request as {@code METHOD path [range]}. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public LoopbackRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // concurrent requests: one may wait on a held blob while another is answered
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Publishes {@code library/<model>:<tag>} with a config blob and the model blob. */
    public void publish(String model, String tag, byte[] config, byte[] gguf) {
        manifests.put("/v2/library/" + model + "/manifests/" + tag,
                FakeStore.manifest(config, gguf).getBytes(StandardCharsets.UTF_8));
        blobs.put(FakeStore.digest(config), config);
        blobs.put(FakeStore.digest(gguf), gguf);
    }

    /** Serves a file at {@code path} (a direct GGUF URL). */
    public void file(String path, byte[] bytes) {
        manifests.put(path, bytes);
    }

    /** Serves {@code replacement} instead of the blob with that digest. */
    public void corrupt(String digest, byte[] replacement) {
        corrupt.put(digest, replacement);
    }

    /** Serves the blob with that digest (or the file at that path) chunked, without a Content-Length. */
    public void chunked(String digest) {
        chunked.add(digest);
    }

    /** The next full transfer of that blob stops after {@code bytes} bytes. */
    public void cutOnce(String digest, int bytes) {
        cutOnce.put(digest, bytes);
    }

    /** Answers requests for {@code path} with a 307 to {@code location}. */
    public void redirect(String path, String location) {
        redirects.put(path, location);
    }

    /** The body of that blob waits until the returned latch is counted down. */
    public CountDownLatch hold(String digest) {
        return held.computeIfAbsent(digest, d -> new CountDownLatch(1));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(exchange.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
        if (redirects.containsKey(path)) {
            exchange.getResponseHeaders().set("Location", redirects.get(path));
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
            return;
        }
        CountDownLatch gate = held.get(path.substring(path.lastIndexOf('/') + 1));
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = manifests.get(path);
        String digest = null;
        if (body == null && path.contains("/blobs/")) {
            digest = path.substring(path.lastIndexOf('/') + 1);
            body = corrupt.getOrDefault(digest, blobs.get(digest));
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (from > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                    + body.length);
        }
        Integer cut = digest == null ? null : cutOnce.remove(digest);
        // A cut transfer is sent chunked and ends early: the client sees the body end before the blob's size.
        boolean noLength = cut != null || chunked.contains(digest == null ? path : digest);
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, noLength ? 0 : body.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, from, cut == null ? body.length - from : cut);
        }
    }

    @Override
    public void close() {
        held.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}
