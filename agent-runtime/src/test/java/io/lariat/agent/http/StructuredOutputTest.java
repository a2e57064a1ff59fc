package io.lariat.agent.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.agent.backend.RemoteBackend;
import io.lariat.agent.backend.RemoteSettings;
import io.lariat.agent.chat.ModelDetails;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.testing.SharedTestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Structured output and enforced tool choice through both dialects, on the tiny random-weight Llama 3.1 model: its
 * output is noise, so everything valid about it comes from the constraint. The schema is finite (an enum, a bounded
 * integer, a boolean; whitespace is bounded by the grammar), so every run ends well within 400 tokens.
 */
@QuarkusTest
class StructuredOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "tiny-llama31-q8_0";
    private static final String REMOTE = "remote-test";
    private static final String SCHEMA = """
            {"type":"object","properties":{"unit":{"enum":["celsius","fahrenheit"]},
             "days":{"type":"integer","minimum":1,"maximum":14},"ok":{"type":"boolean"}},
             "required":["unit","days","ok"],"additionalProperties":false}""";
    private static final String TWO_TOOLS = """
            [{"type": "function", "function": {"name": "forecast", "parameters": %s}},
             {"type": "function", "function": {"name": "alerts", "parameters": %s}}]""".formatted(SCHEMA, SCHEMA);

    @Inject
    ServedModels models;

    @AfterEach
    void unload() {
        models.remove(MODEL);
        models.remove(REMOTE);
    }

    private void serveTiny() {
        assertEquals(MODEL, models.load(SharedTestData.file(MODEL + ".gguf").toString()).name());
    }

    @Test
    void ollamaChatFormatSchemaMakesTheAnswerValid() throws Exception {
        serveTiny();
        String content = given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Weather?"}], "stream": false,
                         "format": %s, "options": {"num_predict": 400, "seed": 1}}""".formatted(MODEL, SCHEMA))
                .post("/api/chat").then().statusCode(200).body("done_reason", equalTo("stop"))
                .extract().path("message.content");
        assertValid(content);
    }

    @Test
    void ollamaGenerateFormatSchemaMakesTheResponseValid() throws Exception {
        serveTiny();
        String response = given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "prompt": "Weather?", "stream": false, "format": %s,
                         "options": {"num_predict": 400, "temperature": 0}}""".formatted(MODEL, SCHEMA))
                .post("/api/generate").then().statusCode(200).body("done_reason", equalTo("stop"))
                .extract().path("response");
        assertValid(response);
    }

    @Test
    void jsonModeStartsAnObject() {
        serveTiny();
        // JSON mode allows any object, which a random model may never close: a few tokens show how it starts
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}], "stream": false,
                         "format": "json", "options": {"num_predict": 6, "temperature": 0}}""".formatted(MODEL))
                .post("/api/chat").then().statusCode(200).body("message.content", startsWith("{"));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 6,
                         "temperature": 0, "response_format": {"type": "json_object"}}""".formatted(MODEL))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", startsWith("{"));
    }

    @Test
    void openAiJsonSchemaResponseFormatMakesTheContentValid() throws Exception {
        serveTiny();
        String content = given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Weather?"}], "max_tokens": 400,
                         "seed": 7, "response_format": {"type": "json_schema",
                          "json_schema": {"name": "weather", "strict": true, "schema": %s}}}"""
                        .formatted(MODEL, SCHEMA))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("stop")).extract().path("choices[0].message.content");
        assertValid(content);
    }

    @Test
    void responsesTextFormatSchemaMakesTheOutputTextValid() throws Exception {
        serveTiny();
        JsonNode response = JSON.readTree(given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "input": "Weather?", "max_output_tokens": 400,
                         "text": {"format": {"type": "json_schema", "name": "weather", "strict": true, "schema": %s}}}"""
                        .formatted(MODEL, SCHEMA))
                .post("/v1/responses").then().statusCode(200).extract().asString());
        assertEquals("completed", response.get("status").asText(), response.toString());
        assertEquals("weather", response.at("/text/format/name").asText());
        assertValid(response.at("/output/0/content/0/text").asText());
    }

    @Test
    void requiredToolChoiceYieldsACallToADeclaredToolWithValidArguments() throws Exception {
        serveTiny();
        JsonNode response = JSON.readTree(given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Weather?"}], "max_tokens": 400,
                         "seed": 3, "tool_choice": "required", "tools": %s}""".formatted(MODEL, TWO_TOOLS))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString());
        JsonNode call = response.at("/choices/0/message/tool_calls/0/function");
        assertEquals("tool_calls", response.at("/choices/0/finish_reason").asText(), response.toString());
        assertTrue(Set.of("forecast", "alerts").contains(call.get("name").asText()), call.toString());
        assertValid(call.get("arguments").asText());
    }

    @Test
    void namedFunctionToolChoiceCallsThatFunction() throws Exception {
        serveTiny();
        JsonNode response = JSON.readTree(given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Weather?"}], "max_tokens": 400,
                         "tool_choice": {"type": "function", "function": {"name": "alerts"}}, "tools": %s}"""
                        .formatted(MODEL, TWO_TOOLS))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString());
        JsonNode call = response.at("/choices/0/message/tool_calls/0/function");
        assertEquals("alerts", call.get("name").asText(), response.toString());
        assertValid(call.get("arguments").asText());
    }

    @Test
    void unsupportedSchemaKeywordIsA400NamingIt() {
        serveTiny();
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}],
                         "response_format": {"type": "json_schema", "json_schema": {"name": "x",
                          "schema": {"type": "object",
                           "properties": {"code": {"type": "string", "pattern": "^a"}}}}}}"""
                        .formatted(MODEL))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("$.response_format.json_schema.schema"))
                .body("error.message", equalTo("$.response_format.json_schema.schema: unsupported JSON Schema keyword "
                        + "'pattern' at #/properties/code"));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "prompt": "Hi", "stream": false,
                         "format": {"type": "string", "format": "date"}}""".formatted(MODEL))
                .post("/api/generate").then().statusCode(400)
                .body("error", equalTo("$.format: unsupported JSON Schema keyword 'format' at #"));
    }

    @Test
    void malformedFormatFieldsAre400s() {
        serveTiny();
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "prompt": "Hi", "format": "yaml"}""".formatted(MODEL))
                .post("/api/generate").then().statusCode(400)
                .body("error", equalTo("$.format: expected \"json\" or a JSON Schema object"));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}],
                         "response_format": {"type": "xml"}}""".formatted(MODEL))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", equalTo("$.response_format.type: expected \"text\", \"json_object\" or "
                        + "\"json_schema\", got \"xml\""));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}],
                         "response_format": {"type": "json_schema", "json_schema": {"name": "x"}}}""".formatted(MODEL))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", equalTo("$.response_format.json_schema.schema: required: the JSON Schema of "
                        + "the answer"));
    }

    @Test
    void remoteModelsAnswer501NamingTheFeature() {
        RemoteSettings settings = new RemoteSettings(URI.create("http://127.0.0.1:9"), "m", null,
                RemoteSettings.Mode.CHAT, Duration.ofSeconds(1), 8192);
        models.register(new ServedModel(REMOTE, new RemoteBackend(settings, SharedTestData.tokenizer()),
                new ModelDetails("remote", "llama", "", "", 0, 8192, Instant.parse("2026-01-02T03:04:05Z"), "", "")));
        String why = " with model 'm', whose tokens Lariat cannot constrain (only its embedded engine does) is not "
                + "supported by Lariat";
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}],
                         "response_format": {"type": "json_object"}}""".formatted(REMOTE))
                .post("/v1/chat/completions").then().statusCode(501)
                .body("error.param", equalTo("$.response_format"))
                .body("error.message", equalTo("$.response_format: structured output" + why));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}], "stream": false,
                         "format": "json"}""".formatted(REMOTE))
                .post("/api/chat").then().statusCode(501)
                .body("error", equalTo("$.format: structured output" + why));
    }

    /** The answer parses and holds exactly the three properties, each within its schema. */
    private static void assertValid(String text) throws Exception {
        JsonNode value = JSON.readTree(text);
        assertEquals(List.of("days", "ok", "unit"), sortedNames(value), text);
        assertTrue(Set.of("celsius", "fahrenheit").contains(value.get("unit").asText()), text);
        assertTrue(value.get("days").isInt() && value.get("days").asInt() >= 1 && value.get("days").asInt() <= 14,
                text);
        assertTrue(value.get("ok").isBoolean(), text);
    }

    private static List<String> sortedNames(JsonNode value) {
        java.util.List<String> names = new java.util.ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
