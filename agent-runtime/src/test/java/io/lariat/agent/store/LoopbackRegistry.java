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
    /** Every request as {@code METHOD path [range]}. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public LoopbackRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
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

    /** The next full transfer of that blob stops after {@code bytes} bytes. */
    public void cutOnce(String digest, int bytes) {
        cutOnce.put(digest, bytes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(exchange.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
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
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, cut == null ? body.length - from : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, from, cut == null ? body.length - from : cut);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
