package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK's HTTP client with its defaults (HTTP/2 preferred, so a cleartext connection starts with an {@code h2c}
 * upgrade carrying the first request's body): 500 chat requests, streamed and not, each on a fresh
 * connection, all answered 200 over HTTP/1.1 with the whole answer. Before the fix about one in a hundred failed with
 * {@code IllegalStateException: Request has already been read}.
 */
@QuarkusTest
class H2cUpgradeTest {
    private static final int REQUESTS = 500;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    @Test
    void fiveHundredDefaultClientRequestsAllSucceed() throws Exception {
        String[] answers = new String[REQUESTS];
        java.util.Arrays.fill(answers, "Hello there!");
        ReplayModels.serve(models, answers);
        List<String> failures = new ArrayList<>();
        for (int batch = 0; batch < REQUESTS / 10; batch++) {
            // a new client per request: each connection begins with the client's h2c upgrade attempt
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(HttpClient.newHttpClient().sendAsync(request(i % 2 == 0),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : sent) {
                HttpResponse<String> r = response.get();
                if (r.statusCode() != 200 || !answered(r.body()) || r.version() != HttpClient.Version.HTTP_1_1) {
                    failures.add(r.statusCode() + " " + r.version() + ": " + r.body());
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + REQUESTS + " failed, first: "
                + failures.stream().findFirst().orElse(""));
    }

    private HttpRequest request(boolean stream) {
        String body = """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "Hi"}]}"""
                .formatted(ReplayModels.NAME, stream);
        return HttpRequest.newBuilder(URI.create(base + "api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static boolean answered(String body) {
        StringBuilder content = new StringBuilder();
        for (String line : body.split("\n")) {
            try {
                content.append(JSON.readTree(line).at("/message/content").asText());
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return content.toString().equals("Hello there!");
    }
}
