package io.lariat.agent.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Beyond the bounded queue (2 generating + 1 waiting in the test configuration) requests get 429. */
@QuarkusTest
class OverloadTest {
    @Inject
    ServedModels models;

    @Inject
    ChatService chat;

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    @Test
    void requestsBeyondTheQueueGet429WithRetryAfter() throws Exception {
        String slow = "word ".repeat(100);
        ReplayModels.serve(models, Duration.ofMillis(50), slow, slow, slow);
        String body = OpenAiResourceTest.chat(", \"stream\": true");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<CompletableFuture<HttpResponse<InputStream>>> running = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 3; i++) {
                running.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
            }
            for (CompletableFuture<HttpResponse<InputStream>> response : running) {
                assertEquals(200, response.get().statusCode());
            }
            assertEquals(1, chat.queueDepth());
            given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("error.type", equalTo("rate_limit_error"))
                    .body("error.code", equalTo("overloaded"))
                    .body("error.message", equalTo("model '" + ReplayModels.NAME
                            + "' is overloaded: 1 generations already waiting"));
            given().contentType(ContentType.JSON).body("{\"model\": \"" + ReplayModels.NAME
                            + "\", \"prompt\": \"Hi\"}").post("/api/generate")
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("error", equalTo("model '" + ReplayModels.NAME
                            + "' is overloaded: 1 generations already waiting"));
            for (CompletableFuture<HttpResponse<InputStream>> response : running) {
                response.get().body().close();
            }
        }
    }
}
