package io.lariat.tools.builtin.calculator;

import io.lariat.tools.RemoteServiceException;
import io.lariat.tools.ToolException;
import io.lariat.tools.builtin.RemoteCalls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Client of the Wolfram Alpha LLM API ({@code GET /api/v1/llm-api?input=…&appid=…}), which answers in plain text
 * written for language models.
 *
 * <p>A query Wolfram Alpha cannot interpret (HTTP 501) is a {@link ToolException}; every other failure is a
 * {@link RemoteServiceException}. Thread-safe.
 */
public final class WolframAlphaClient {

    /** The public endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://www.wolframalpha.com/api/v1/llm-api");

    private static final String SERVICE = "Wolfram Alpha";

    private final String appId;
    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * Creates a client.
     *
     * @param appId the Wolfram Alpha app id
     * @param endpoint the LLM API endpoint ({@link #DEFAULT_ENDPOINT} in production)
     * @param http the HTTP client to use
     * @param timeout per-request timeout
     */
    public WolframAlphaClient(String appId, URI endpoint, HttpClient http, Duration timeout) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A client of the public endpoint with a 20-second request timeout. */
    public static WolframAlphaClient create(String appId) {
        return new WolframAlphaClient(appId, DEFAULT_ENDPOINT, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).build(), Duration.ofSeconds(20));
    }

    /**
     * Asks Wolfram Alpha.
     *
     * @return the answer text
     * @throws ToolException if Wolfram Alpha cannot interpret the query
     * @throws RemoteServiceException if the service fails
     */
    public String query(String input) {
        URI uri = URI.create(endpoint + "?input=" + encode(input) + "&appid=" + encode(appId) + "&maxchars=4000");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response = RemoteCalls.send(http, request, SERVICE);
        return switch (response.statusCode()) {
            case 200 -> response.body().strip();
            case 501 -> throw new ToolException("Wolfram Alpha cannot interpret the query: "
                    + firstLine(response.body()));
            case 401, 403 -> throw new RemoteServiceException(SERVICE, response.statusCode(),
                    "the app id was refused", null);
            default -> throw new RemoteServiceException(SERVICE, response.statusCode(), firstLine(response.body()),
                    null);
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("no details");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
