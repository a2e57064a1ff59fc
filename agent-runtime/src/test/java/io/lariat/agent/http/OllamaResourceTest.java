package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.agent.AgentRuntime;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.UserMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OllamaResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ServedModels models;

    @Inject
    AgentRuntime runtime;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    private static String chat(String messages, String extra) {
        return """
                {"model": "%s", "messages": %s%s}""".formatted(ReplayModels.NAME, messages, extra);
    }

    @Test
    void chatStreamsNdjsonByDefaultWithFinalStats() {
        ReplayModels.serve(models, "Hello there!");
        String body = given().contentType(ContentType.JSON)
                .body(chat("[{\"role\": \"user\", \"content\": \"Hi\"}]", ""))
                .post("/api/chat").then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        List<JsonNode> lines = SseFrames.lines(body);
        StringBuilder content = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(l -> {
            assertFalse(l.get("done").asBoolean());
            content.append(l.at("/message/content").asText());
        });
        assertEquals("Hello there!", content.toString());
        JsonNode last = lines.getLast();
        assertTrue(last.get("done").asBoolean());
        assertEquals("stop", last.get("done_reason").asText());
        assertEquals(4, last.get("eval_count").asInt());
        assertTrue(last.get("prompt_eval_count").asInt() > 0);
        for (String field : List.of("total_duration", "load_duration", "prompt_eval_duration", "eval_duration")) {
            assertTrue(last.get(field).isIntegralNumber(), field);
        }
        assertTrue(last.get("total_duration").asLong() >= last.get("eval_duration").asLong());
    }

    @Test
    void promptEvalCountShowsPrefixReuseOfAGrowingConversation() {
        ReplayModels.serve(models, "Paris.", "Berlin.");
        String first = "[{\"role\": \"user\", \"content\": \"Capital of France?\"}]";
        int firstCount = given().contentType(ContentType.JSON).body(chat(first, ", \"stream\": false"))
                .post("/api/chat").then().statusCode(200).extract().path("prompt_eval_count");
        String second = "[{\"role\": \"user\", \"content\": \"Capital of France?\"},"
                + "{\"role\": \"assistant\", \"content\": \"Paris.\"},"
                + "{\"role\": \"user\", \"content\": \"And Germany?\"}]";
        int secondCount = given().contentType(ContentType.JSON).body(chat(second, ", \"stream\": false"))
                .post("/api/chat").then().statusCode(200).extract().path("prompt_eval_count");
        ChatFormat format = ChatFormat.builder().tokenizer(SharedTestData.tokenizer()).build();
        int firstLength = format.render(List.of(new UserMessage("Capital of France?")), true).length;
        int secondLength = format.render(List.of(new UserMessage("Capital of France?"),
                AssistantMessage.text("Paris."), new UserMessage("And Germany?")), true).length;
        int cached = firstLength + SharedTestData.tokenizer().encode("Paris.").length;
        assertEquals(firstLength, firstCount);
        // the second prompt repeats the first one and the answer the cache holds: only the rest is evaluated
        assertEquals(secondLength - cached, secondCount);
    }

    @Test
    void chatWithoutStreamAnswersOneObjectWithToolCallsAsObjects() {
        ReplayModels.serve(models, "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>");
        given().contentType(ContentType.JSON)
                .body(chat("[{\"role\": \"user\", \"content\": \"Weather in Paris?\"}]",
                        ", \"stream\": false, \"tools\": [" + OpenAiResourceTest.WEATHER_TOOL + "]"))
                .post("/api/chat").then().statusCode(200).contentType(ContentType.JSON)
                .body("done", equalTo(true))
                .body("done_reason", equalTo("stop"))
                .body("message.role", equalTo("assistant"))
                .body("message.content", equalTo(""))
                .body("message.tool_calls[0].function.name", equalTo("get_weather"))
                .body("message.tool_calls[0].function.arguments.city", equalTo("Paris"));
    }

    @Test
    void chatAnswersACallToAnUndeclaredToolAsText() {
        String call = "<|python_tag|>brave_search.call(query=\"x\")";
        ReplayModels.serve(models, call + "<|eom_id|>");
        given().contentType(ContentType.JSON)
                .body(chat("[{\"role\": \"user\", \"content\": \"Search x\"}]",
                        ", \"stream\": false, \"tools\": [" + OpenAiResourceTest.WEATHER_TOOL + "]"))
                .post("/api/chat").then().statusCode(200)
                .body("done_reason", equalTo("stop"))
                .body("message.content", equalTo("brave_search.call(query=\"x\")"))
                .body("message.tool_calls", nullValue());
    }

    @Test
    void chatStreamSendsToolCallsBeforeTheFinalLine() {
        ReplayModels.serve(models, "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>");
        String body = given().contentType(ContentType.JSON)
                .body(chat("[{\"role\": \"user\", \"content\": \"Weather?\"}]",
                        ", \"tools\": [" + OpenAiResourceTest.WEATHER_TOOL + "]"))
                .post("/api/chat").then().statusCode(200).extract().asString();
        List<JsonNode> lines = SseFrames.lines(body);
        assertEquals(2, lines.size(), body);
        assertEquals("Paris", lines.getFirst().at("/message/tool_calls/0/function/arguments/city").asText());
        assertTrue(lines.getLast().get("done").asBoolean());
    }

    @Test
    void acceptsToolResultsAfterAssistantCalls() {
        ReplayModels.serve(models, "It is sunny.");
        String messages = """
                [{"role": "user", "content": "Weather?"},
                 {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "get_weather",
                  "arguments": {"city": "Paris"}}}]},
                 {"role": "tool", "content": "sunny, 21C"}]""";
        given().contentType(ContentType.JSON).body(chat(messages, ", \"stream\": false, \"options\": "
                        + "{\"temperature\": 0, \"num_predict\": 64, \"seed\": 7}"))
                .post("/api/chat").then().statusCode(200).body("message.content", equalTo("It is sunny."));
    }

    @Test
    void numPredictLimitsTokensAndReportsLength() {
        ReplayModels.serve(models, "one two three four five six");
        given().contentType(ContentType.JSON).body(chat("[{\"role\": \"user\", \"content\": \"Count\"}]",
                        ", \"stream\": false, \"options\": {\"num_predict\": 2}"))
                .post("/api/chat").then().statusCode(200)
                .body("message.content", equalTo("one two"))
                .body("done_reason", equalTo("length"))
                .body("eval_count", equalTo(2));
    }

    @Test
    void rawGenerateTokenizesThePromptAsGivenWithSpecialTokens() throws Exception {
        ReplayBackend backend = ReplayModels.serve(models, "Hello.");
        String prompt = "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n";
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("model", ReplayModels.NAME,
                        "prompt", prompt, "raw", true, "stream", false, "system", "ignored in raw mode")))
                .post("/api/generate").then().statusCode(200).body("response", equalTo("Hello."));
        int[] given = SharedTestData.tokenizer().encodeWithSpecials(prompt);
        int[] expected = new int[given.length + 1];
        expected[0] = SpecialTokens.BEGIN_OF_TEXT;
        System.arraycopy(given, 0, expected, 1, given.length);
        assertArrayEquals(expected, backend.prompts().getLast());
        assertEquals(SpecialTokens.EOT, backend.prompts().getLast()[6], "<|eot_id|> is one special token");
    }

    @Test
    void rawPromptStartingWithBeginOfTextGetsNoSecondOne() throws Exception {
        ReplayBackend backend = ReplayModels.serve(models, "B");
        String prompt = "<|begin_of_text|>A";
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("model", ReplayModels.NAME,
                        "prompt", prompt, "raw", true, "stream", false)))
                .post("/api/generate").then().statusCode(200).body("response", equalTo("B"));
        assertArrayEquals(SharedTestData.tokenizer().encodeWithSpecials(prompt), backend.prompts().getLast());
    }

    @Test
    void generateWithoutRawReadsSpecialTokenNamesAsText() throws Exception {
        ReplayBackend backend = ReplayModels.serve(models, "B");
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("model", ReplayModels.NAME,
                        "prompt", "A<|eot_id|>", "stream", false)))
                .post("/api/generate").then().statusCode(200);
        int[] expected = ChatFormat.builder().tokenizer(SharedTestData.tokenizer()).build()
                .render(List.of(new UserMessage("A<|eot_id|>")), true);
        assertArrayEquals(expected, backend.prompts().getLast());
    }

    @Test
    void loadDurationCountsOnlyTheRequestThatLoadedTheModel() {
        Path file = SharedTestData.file("tiny-llama31-q8_0.gguf");
        runtime.models().addResolver(name -> name.equals("load-test:1") ? Optional.of(file) : Optional.empty());
        try {
            String body = """
                    {"model": "load-test:1", "prompt": "Hi", "stream": false, "options": {"num_predict": 1}}""";
            long first = given().contentType(ContentType.JSON).body(body).post("/api/generate")
                    .then().statusCode(200).extract().jsonPath().getLong("load_duration");
            long second = given().contentType(ContentType.JSON).body(body).post("/api/generate")
                    .then().statusCode(200).extract().jsonPath().getLong("load_duration");
            assertTrue(first > 0, "the first request loaded the model: " + first);
            assertEquals(0, second);
        } finally {
            models.remove("tiny-llama31-q8_0");
        }
    }

    @Test
    void generateStreamsResponseText() {
        ReplayModels.serve(models, "Blue, because of Rayleigh scattering.");
        String body = given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "prompt": "Why is the sky blue?", "system": "Be brief."}"""
                        .formatted(ReplayModels.NAME))
                .post("/api/generate").then().statusCode(200).extract().asString();
        List<JsonNode> lines = SseFrames.lines(body);
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.get("response").asText()));
        assertEquals("Blue, because of Rayleigh scattering.", text.toString());
        assertTrue(lines.getLast().get("done").asBoolean());
        assertEquals("stop", lines.getLast().get("done_reason").asText());
    }

    @Test
    void tagsShowAndVersionDescribeTheServer() {
        ReplayModels.serve(models, "unused");
        given().get("/api/tags").then().statusCode(200)
                .body("models.find { it.name == '" + ReplayModels.NAME + "' }.details.quantization_level",
                        equalTo("Q8_0"))
                .body("models.find { it.name == '" + ReplayModels.NAME + "' }.size", equalTo(1234))
                .body("models.find { it.name == '" + ReplayModels.NAME + "' }.digest.length()", equalTo(64));
        given().contentType(ContentType.JSON).body("{\"model\": \"" + ReplayModels.NAME + "\"}")
                .post("/api/show").then().statusCode(200)
                .body("details.family", equalTo("llama"))
                .body("details.parameter_size", equalTo("8.0B"))
                .body("model_info.'llama.context_length'", equalTo(131072))
                .body("template", equalTo("{{ messages }}"))
                .body("capabilities", equalTo(List.of("completion", "tools")));
        given().get("/api/version").then().statusCode(200).body("version", equalTo(OllamaResource.VERSION));
    }

    @Test
    void generateWithoutStreamAnswersOneObject() {
        ReplayModels.serve(models, "Yes.");
        given().contentType(ContentType.JSON).body("{\"model\": \"replay:test\", \"prompt\": \"Ok?\", "
                        + "\"stream\": false}")
                .post("/api/generate").then().statusCode(200).body("response", equalTo("Yes."))
                .body("eval_count", greaterThan(0));
    }
}
