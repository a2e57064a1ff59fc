package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Every bad input gets a 4xx with the dialect's own JSON error body, never a 500 or a stack trace. */
@QuarkusTest
class ApiErrorsTest {
    private static final String MODEL = ReplayModels.NAME;
    private static final String OVERSIZE = "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"" + "x".repeat(70_000) + "\"}]}";

    @Inject
    ServedModels models;

    @BeforeEach
    void serve() {
        ReplayModels.serve(models, "never played");
    }

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    /** Path, body, status, OpenAI-style code (null for Ollama), message. */
    static Stream<Arguments> badRequests() {
        String user = "[{\"role\": \"user\", \"content\": \"Hi\"}]";
        return Stream.of(
                Arguments.of("/v1/chat/completions", "{\"model\": ", 400, "invalid_json", null),
                Arguments.of("/v1/chat/completions", "{\"model\": \"nope\", \"messages\": " + user + "}", 404,
                        "model_not_found", "model 'nope' not found: no model of that name is loaded; served models are [" + MODEL + "]"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"temperature\": \"hot\"}", 400, "invalid_type", "$.temperature: expected a number"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": \"Hi\"}", 400,
                        "invalid_value", "$.messages: expected an array of messages"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": []}", 400,
                        "invalid_value", "$.messages: must not be empty"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": "
                        + "\"tool\", \"tool_call_id\": \"call_1\", \"content\": \"21C\"}]}", 400, "invalid_value",
                        "$.messages[0].tool_call_id: 'call_1' answers no tool call of the preceding assistant "
                                + "message"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"tool_choice\": \"maybe\"}", 400, "invalid_value", "$.tool_choice: expected "
                        + "\"auto\", \"none\", \"required\" or a function, got \"maybe\""),
                Arguments.of("/v1/chat/completions", OVERSIZE, 413, "request_too_large",
                        "request body of " + OVERSIZE.length() + " bytes exceeds the limit of 65536 bytes"),
                Arguments.of("/api/chat", "{\"model\": \"x\", \"messages\": [", 400, null, null),
                Arguments.of("/api/chat", "[1, 2]", 400, null, "$: expected an object"),
                Arguments.of("/api/chat", "{\"model\": \"nope\", \"messages\": " + user + "}", 404, null,
                        "model 'nope' not found: no model of that name is loaded; served models are [" + MODEL + "]"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"stream\": \"yes\"}", 400, null, "$.stream: expected a boolean"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": []}", 400, null,
                        "$.messages: must not be empty"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"tool\", "
                        + "\"content\": \"21C\"}]}", 400, null,
                        "$.messages[0]: a tool message must answer a tool call of a preceding assistant message"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"robot\", "
                        + "\"content\": \"hi\"}]}", 400, null,
                        "$.messages[0].role: expected system, user, assistant, tool or ipython, got \"robot\""),
                Arguments.of("/api/chat", OVERSIZE, 413, null,
                        "request body of " + OVERSIZE.length() + " bytes exceeds the limit of 65536 bytes"),
                Arguments.of("/api/generate", "{\"model\": \"" + MODEL + "\"}", 400, null, "$.prompt: required"),
                Arguments.of("/api/show", "{\"model\": \"nope\"}", 404, null,
                        "model 'nope' not found: no model of that name is loaded; served models are [" + MODEL + "]"));
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("badRequests")
    void badRequestsGetTheDialectsErrorShape(String path, String body, int status, String code, String message) {
        var response = given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(status).contentType(ContentType.JSON);
        if (path.startsWith("/v1/")) {
            response.body("error.code", equalTo(code))
                    .body("error.type", equalTo(status == 404 ? "not_found_error" : "invalid_request_error"));
            if (message != null) {
                response.body("error.message", equalTo(message));
            }
        } else if (message != null) {
            response.body("error", equalTo(message));
        } else {
            response.body("error", org.hamcrest.Matchers.startsWith("malformed JSON: "));
        }
    }

    @org.junit.jupiter.api.Test
    void unknownRoutesAnswerInTheDialectOfTheirPrefix() {
        given().get("/v1/nothing").then().statusCode(404).body("error.type", equalTo("not_found_error"))
                .body("error.param", nullValue());
        given().get("/api/nothing").then().statusCode(404).body("error", equalTo("Not Found"));
    }
}
