package io.lariat.tools.builtin.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.tools.RemoteServiceException;
import io.lariat.tools.binding.JsonBinding;
import io.lariat.tools.builtin.RemoteCalls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Client of the Brave Search web API ({@code GET /res/v1/web/search?q=…}, key in {@code X-Subscription-Token}).
 *
 * <p>Failures are {@link RemoteServiceException}s. Thread-safe.
 */
public final class BraveSearchClient {

    /** The public endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://api.search.brave.com/res/v1/web/search");

    private static final String SERVICE = "Brave Search";

    private final String apiKey;
    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * Creates a client.
     *
     * @param apiKey the subscription token
     * @param endpoint the web search endpoint ({@link #DEFAULT_ENDPOINT} in production)
     * @param http the HTTP client to use
     * @param timeout per-request timeout
     */
    public BraveSearchClient(String apiKey, URI endpoint, HttpClient http, Duration timeout) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A client of the public endpoint with a 15-second request timeout. */
    public static BraveSearchClient create(String apiKey) {
        return new BraveSearchClient(apiKey, DEFAULT_ENDPOINT, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).build(), Duration.ofSeconds(15));
    }

    /**
     * Searches the web.
     *
     * @param count results wanted (1 to 20)
     * @throws RemoteServiceException if the service fails or answers with something unexpected
     */
    public List<SearchResult> search(String query, int count) {
        URI uri = URI.create(endpoint + "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&count=" + Math.clamp(count, 1, 20));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Subscription-Token", apiKey)
                .GET().build();
        HttpResponse<String> response = RemoteCalls.send(http, request, SERVICE);
        if (response.statusCode() != 200) {
            String problem = response.statusCode() == 401 || response.statusCode() == 403
                    ? "the API key was refused" : response.statusCode() == 429 ? "rate limit exceeded"
                    : "unexpected status";
            throw new RemoteServiceException(SERVICE, response.statusCode(), problem, null);
        }
        return parse(response.body());
    }

    static List<SearchResult> parse(String body) {
        JsonNode root;
        try {
            root = JsonBinding.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new RemoteServiceException(SERVICE, 200, "the response is not JSON", e);
        }
        List<SearchResult> results = new ArrayList<>();
        for (JsonNode item : root.path("web").path("results")) {
            results.add(new SearchResult(clean(item.path("title").asText()), item.path("url").asText(),
                    clean(item.path("description").asText())));
        }
        return results;
    }

    /** Brave marks matches with {@code <strong>} and escapes entities; the model wants plain text. */
    private static String clean(String text) {
        return DocumentReader.decode(text.replaceAll("<[^>]+>", "")).strip();
    }
}
