package io.lariat.agent.http;

import io.lariat.agent.chat.ChatService;
import io.lariat.agent.chat.ServedModels;
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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Beyond the model's bounded queue (4 generating + 32 waiting) requests get 429, before any byte is written. */
@QuarkusTest
class OverloadTest {
    private static final int ACTIVE = 4;
    private static final int CAPACITY = ACTIVE + 32;

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
        ReplayModels.serveQueued(models, Duration.ofMillis(50), ACTIVE, CAPACITY - ACTIVE,
                Collections.nCopies(CAPACITY, slow).toArray(String[]::new));
        String body = OpenAiResourceTest.chat(", \"stream\": true");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<CompletableFuture<HttpResponse<InputStream>>> running = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < CAPACITY; i++) {
                running.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
            }
            // admission happens before any byte is written: wait until every request holds its place
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (chat.queueDepth() < CAPACITY - ACTIVE && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(CAPACITY - ACTIVE, chat.queueDepth());
            given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("error.type", equalTo("rate_limit_error"))
                    .body("error.code", equalTo("overloaded"))
                    .body("error.message", equalTo("model '" + ReplayModels.NAME
                            + "' is overloaded: " + (CAPACITY - ACTIVE) + " generations already waiting"));
            given().contentType(ContentType.JSON).body("{\"model\": \"" + ReplayModels.NAME
                            + "\", \"prompt\": \"Hi\"}").post("/api/generate")
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("error", equalTo("model '" + ReplayModels.NAME
                            + "' is overloaded: " + (CAPACITY - ACTIVE) + " generations already waiting"));
            assertEquals(200, running.getFirst().get().statusCode());
            // abort the streams (close() would wait for them to finish)
            client.shutdownNow();
        }
    }
}
