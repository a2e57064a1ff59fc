package io.lariat.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on loopback answering Ollama's documented API with canned bodies (JDK HttpServer), recording every
 * request as {@code METHOD path body}.
 */
final class FakeServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        answer("GET /api/version", "{\"version\":\"0.1.0\"}");
    }

    /** {@code LARIAT_HOST} for this server. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code METHOD path} with {@code body} (NDJSON lines for a stream). */
    FakeServer answer(String request, String body) {
        return answer(request, 200, body);
    }

    FakeServer answer(String request, int status, String body) {
        answers.put(request, body);
        statuses.put(request, status);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(key + (body.isEmpty() ? "" : " " + body));
        String answer = answers.get(key);
        byte[] bytes = (answer == null ? "{\"error\":\"not found\"}" : answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer == null ? 404 : statuses.get(key), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
