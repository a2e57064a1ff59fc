package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.testing.SharedTestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A client's {@code model} field names a served model; it never makes the server open a file. */
@QuarkusTest
class ServedModelsTest {
    private static final String TINY = "tiny-llama31-q8_0";

    @Inject
    ServedModels models;

    /** Endpoint, body with %s for the model, and whether the endpoint speaks OpenAI's error dialect. */
    static Stream<Arguments> endpoints() {
        String user = "[{\"role\": \"user\", \"content\": \"Hi\"}]";
        return Stream.of(
                Arguments.of("/v1/chat/completions", "{\"model\": \"%s\", \"messages\": " + user + "}", true),
                Arguments.of("/api/chat", "{\"model\": \"%s\", \"messages\": " + user + "}", false),
                Arguments.of("/api/generate", "{\"model\": \"%s\", \"prompt\": \"Hi\"}", false),
                Arguments.of("/api/show", "{\"model\": \"%s\"}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aGgufPathInARequestIsRefusedWithoutLoadingIt(String path, String body, boolean openAi) {
        String file = SharedTestData.file(TINY + ".gguf").toAbsolutePath().toString();
        String expected = "model '" + file + "' not found: models are named, not given as file paths; "
                + "served models are " + models.names();
        var response = given().contentType(ContentType.JSON).body(body.formatted(file)).post(path)
                .then().statusCode(404).contentType(ContentType.JSON);
        response.body(openAi ? "error.message" : "error", equalTo(expected));
        assertFalse(models.names().contains(TINY), "the file was loaded: " + models.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aRelativePathIsRefusedToo(String path, String body, boolean openAi) {
        String file = "../../shared/testdata/" + TINY;
        String expected = "model '" + file + "' not found: models are named, not given as file paths; "
                + "served models are " + models.names();
        given().contentType(ContentType.JSON).body(body.formatted(file)).post(path)
                .then().statusCode(404).body(openAi ? "error.message" : "error", equalTo(expected));
    }
}
