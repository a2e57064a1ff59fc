package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A running Lariat (or Ollama) server the CLI acts as a client of, found at {@code LARIAT_HOST} (default
 * {@value #DEFAULT_HOST}), speaking Ollama's documented API: {@code /api/tags}, {@code /api/ps},
 * {@code /api/chat}, {@code /api/generate}. A loaded model is reused, and a command answers without loading one.
 *
 * @param base the server's base URI
 * @param http the client
 */
record ServerConnection(URI base, HttpClient http) {
    /** Where the CLI looks for a server when {@code LARIAT_HOST} is not set. */
    static final String DEFAULT_HOST = "127.0.0.1:8080";
    private static final Duration CONNECT = Duration.ofSeconds(1);

    /**
     * The server named by the environment, when something listens there; empty when nothing does (a refused
     * connection fails at once, so the standalone path costs about a millisecond).
     */
    static Optional<ServerConnection> find(Map<String, String> env) {
        URI base = base(env);
        int port = base.getPort() < 0 ? 80 : base.getPort();
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(base.getHost(), port), (int) CONNECT.toMillis());
        } catch (IOException nothingListens) {
            return Optional.empty();
        }
        return Optional.of(new ServerConnection(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT).build()));
    }

    /**
     * The server a client-only command ({@code ps}, {@code stop}) needs.
     *
     * @throws CliException saying where it looked, when no server answers
     */
    static ServerConnection require(Map<String, String> env) {
        return find(env).orElseThrow(() -> new CliException("no Lariat server at " + base(env).getAuthority()
                + " (start one with: lariat serve, or set LARIAT_HOST)"));
    }

    /** {@code LARIAT_HOST} as a base URI: {@code host:port}, or a full {@code http://} address. */
    static URI base(Map<String, String> env) {
        String host = env.getOrDefault("LARIAT_HOST", "");
        host = host.isBlank() ? DEFAULT_HOST : host.strip();
        try {
            return URI.create(host.contains("://") ? host : "http://" + host);
        } catch (IllegalArgumentException e) {
            throw new CliException("LARIAT_HOST '" + host + "' is not host:port or an http:// address", e);
        }
    }

    /** GET {@code path}, as JSON. */
    JsonNode get(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET(), path);
    }

    /** POST {@code body} as JSON to {@code path}, the answer as JSON. */
    JsonNode post(String path, Object body) {
        return exchange(json(path, body), path);
    }

    /** POST {@code body} to a streaming endpoint; each NDJSON line to {@code line}, until the last. */
    void stream(String path, Object body, Consumer<JsonNode> line) {
        try {
            HttpResponse<InputStream> response = http.send(json(path, body).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                if (response.statusCode() >= 400) {
                    throw failure(path, response.statusCode(), in.lines().reduce("", String::concat));
                }
                for (String text; (text = in.readLine()) != null; ) {
                    if (!text.isBlank()) {
                        JsonNode node = Json.parse(text, "a line from the server");
                        if (node.hasNonNull("error")) {
                            throw new CliException(node.get("error").asText());
                        }
                        line.accept(node);
                    }
                }
            }
        } catch (IOException e) {
            throw new CliException("the server at " + base.getAuthority() + " failed: " + ErrorMessages.describe(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private HttpRequest.Builder json(String path, Object body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }

    private JsonNode exchange(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw failure(path, response.statusCode(), response.body());
            }
            return Json.parse(response.body(), "the answer of " + path);
        } catch (IOException e) {
            throw new CliException("the server at " + base.getAuthority() + " failed: " + ErrorMessages.describe(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    /** The server's own error text ({@code {"error": ...}} in Ollama's shape, or OpenAI's), else the status. */
    private CliException failure(String path, int status, String body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            if (!message.isBlank()) {
                return new CliException(message);
            }
        } catch (IOException notJson) {
            // Fall through to the status line.
        }
        return new CliException(path + " on " + base.getAuthority() + " answered HTTP " + status);
    }

    /** Ollama's model names compare without the {@code :latest} a user may leave off. */
    static boolean sameModel(String a, String b) {
        return withTag(a).equals(withTag(b));
    }

    private static String withTag(String name) {
        return name.lastIndexOf(':') > name.lastIndexOf('/') ? name : name + ":latest";
    }
}
