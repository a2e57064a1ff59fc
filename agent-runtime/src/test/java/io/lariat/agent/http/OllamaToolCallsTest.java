package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Tool calls as Ollama sends them: numbered by {@code function.index}, and returned by {@code /api/generate}. */
@QuarkusTest
class OllamaToolCallsTest {
    private static final String CALL = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>";

    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    @Test
    void generateReturnsTheCallTheModelMade() {
        ReplayModels.serve(models, CALL, CALL);
        String body = "{\"model\": \"" + ReplayModels.NAME + "\", \"prompt\": \"Weather in Paris?\", \"stream\": %s}";
        given().contentType(ContentType.JSON).body(body.formatted(false)).post("/api/generate").then()
                .statusCode(200).body("response", equalTo(""))
                .body("tool_calls[0].function.index", equalTo(0))
                .body("tool_calls[0].function.name", equalTo("get_weather"))
                .body("tool_calls[0].function.arguments.city", equalTo("Paris"));
        String streamed = given().contentType(ContentType.JSON).body(body.formatted(true)).post("/api/generate")
                .then().statusCode(200).extract().asString();
        var last = SseFrames.lines(streamed).getLast();
        org.junit.jupiter.api.Assertions.assertEquals("get_weather", last.at("/tool_calls/0/function/name").asText());
    }

    @Test
    void chatCallsCarryTheirIndex() {
        ReplayModels.serve(models, CALL);
        given().contentType(ContentType.JSON).body("{\"model\": \"" + ReplayModels.NAME + "\", \"stream\": false, "
                        + "\"messages\": [{\"role\": \"user\", \"content\": \"Weather?\"}], \"tools\": ["
                        + OpenAiResourceTest.WEATHER_TOOL + "]}").post("/api/chat").then().statusCode(200)
                .body("message.tool_calls[0].function.index", equalTo(0))
                .body("message.tool_calls[0].function.name", equalTo("get_weather"));
    }
}
