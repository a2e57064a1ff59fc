package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Ollama's clients and documentation take for granted around the endpoints: the root probe, bodies without a
 * JSON content type, and CORS for pages served from this machine. */
@QuarkusTest
class OllamaEdgesTest {
    @Inject
    ServedModels models;

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    @Test
    void rootAnswersOllamaIsRunning() {
        given().get("/").then().statusCode(200).contentType(ContentType.TEXT).body(equalTo("Ollama is running"));
        given().head("/").then().statusCode(200).contentType(ContentType.TEXT).body(emptyString());
    }

    @Test
    void bodyWithoutContentTypeIsReadAsJson() throws Exception {
        ReplayModels.serve(models, "Hi!");
        // what curl -d sends: no JSON type (a form type, or none at all)
        given().contentType("application/x-www-form-urlencoded")
                .body("{\"model\": \"" + ReplayModels.NAME + "\", \"prompt\": \"Hello\", \"stream\": false}")
                .post("/api/generate").then().statusCode(200).body("response", equalTo("Hi!"));
        // the JDK client sends no Content-Type unless told to
        HttpResponse<String> show = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/show"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + ReplayModels.NAME + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, show.statusCode(), show.body());
        assertTrue(show.body().contains("\"family\":\"llama\""), show.body());
    }

    @Test
    void anotherDeclaredTypeIsStillRefused() {
        given().contentType("text/csv").body("a,b").post("/api/chat").then().statusCode(415)
                .body("error", equalTo("Unsupported Media Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "http://127.0.0.1:3000", "https://localhost",
            "http://[::1]:8000", "http://0.0.0.0:8080"})
    void localOriginsMayCallTheApi(String origin) {
        given().header("Origin", origin).get("/api/version").then().statusCode(200)
                .header("Access-Control-Allow-Origin", origin);
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .options("/api/chat").then().statusCode(200).header("Access-Control-Allow-Origin", origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://localhost.evil.example", "http://127.0.0.1.evil.example"})
    void otherOriginsGetNoCorsHeaders(String origin) {
        given().header("Origin", origin).get("/api/version").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
