package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ollama's load and unload idioms, {@code keep_alive} durations and {@code /api/ps}. */
@QuarkusTest
class OllamaLifecycleTest {
    private static final String MODEL = ReplayModels.NAME;

    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(MODEL);
    }

    @Test
    void generateWithoutPromptLoadsAndKeepAliveZeroUnloads() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\"}").post("/api/generate").then()
                .statusCode(200).body("done", equalTo(true)).body("done_reason", equalTo("load"))
                .body("response", equalTo("")).body("model", equalTo(MODEL));
        given().get("/api/ps").then().statusCode(200).body("models.name", hasItem(MODEL))
                .body("models.find { it.name == '" + MODEL + "' }.size_vram", equalTo(0))
                .body("models.find { it.name == '" + MODEL + "' }.details.family", equalTo("llama"));
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"keep_alive\": 0}")
                .post("/api/generate").then().statusCode(200).body("done_reason", equalTo("unload"));
        given().get("/api/ps").then().statusCode(200).body("models.name", not(hasItem(MODEL)));
        assertFalse(models.lookup(MODEL).isPresent());
    }

    @Test
    void chatWithoutMessagesLoadsAndUnloads() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"messages\": []}")
                .post("/api/chat").then().statusCode(200).body("done_reason", equalTo("load"))
                .body("message.content", equalTo(""));
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"messages\": [], "
                + "\"keep_alive\": \"0s\"}").post("/api/chat").then().statusCode(200)
                .body("done_reason", equalTo("unload"));
        assertFalse(models.lookup(MODEL).isPresent());
    }

    @Test
    void keepAliveDurationUnloadsAfterTheLastRequest() throws InterruptedException {
        ReplayModels.serve(models, "Hi!");
        Instant before = Instant.now();
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"prompt\": \"Hello\", "
                + "\"stream\": false, \"keep_alive\": \"1s\"}").post("/api/generate").then().statusCode(200)
                .body("response", equalTo("Hi!"));
        String expires = given().get("/api/ps").then().statusCode(200).extract().jsonPath()
                .getString("models.find { it.name == '" + MODEL + "' }.expires_at");
        Instant at = Instant.parse(expires);
        assertTrue(at.isAfter(before.plusMillis(900)) && at.isBefore(Instant.now().plusSeconds(2)), expires);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (models.lookup(MODEL).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(models.lookup(MODEL).isPresent(), "still loaded 10 s after a keep_alive of 1s");
    }

    @Test
    void withoutKeepAliveAModelStaysLoadedForGood() {
        ReplayModels.serve(models, "Hi!");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"prompt\": \"Hello\", "
                + "\"stream\": false}").post("/api/generate").then().statusCode(200);
        String expires = given().get("/api/ps").then().extract().jsonPath()
                .getString("models.find { it.name == '" + MODEL + "' }.expires_at");
        assertTrue(Instant.parse(expires).isAfter(Instant.now().plus(Duration.ofDays(365 * 100))), expires);
    }
}
