package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TokenScriptBackend;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ResponsesResourceTest {
    static final String WEATHER_TOOL = """
            {"type": "function", "name": "get_weather", "description": "Weather in a city",
             "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}""";
    static final String CALL = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>";

    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    static String body(String extra) {
        return """
                {"model": "%s", "input": "Hi"%s}""".formatted(ReplayModels.NAME, extra);
    }

    private static String prompt(ReplayBackend backend, int turn) {
        return SharedTestData.tokenizer().decode(backend.prompts().get(turn));
    }

    @Test
    void answersWithAMessageItemUsageAndEchoedSettings() {
        ReplayBackend backend = ReplayModels.serve(models, "Hello there!");
        given().contentType(ContentType.JSON).body(body(", \"instructions\": \"Be brief.\", \"max_output_tokens\": "
                        + "50, \"temperature\": 0.2, \"metadata\": {\"ticket\": \"42\"}"))
                .post("/v1/responses")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("object", equalTo("response"))
                .body("id", startsWith("resp_"))
                .body("status", equalTo("completed"))
                .body("model", equalTo(ReplayModels.NAME))
                .body("output", hasSize(1))
                .body("output[0].type", equalTo("message"))
                .body("output[0].id", startsWith("msg_"))
                .body("output[0].role", equalTo("assistant"))
                .body("output[0].content[0].type", equalTo("output_text"))
                .body("output[0].content[0].text", equalTo("Hello there!"))
                .body("usage.output_tokens", equalTo(4))
                .body("instructions", equalTo("Be brief."))
                .body("max_output_tokens", equalTo(50))
                .body("temperature", equalTo(0.2f))
                .body("metadata.ticket", equalTo("42"))
                .body("tool_choice", equalTo("auto"))
                .body("text.format.type", equalTo("text"))
                .body("error", nullValue())
                .body("incomplete_details", nullValue());
        String prompt = prompt(backend, 0);
        assertTrue(prompt.startsWith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>"), prompt);
        assertTrue(prompt.contains("Be brief.\n<|eot_id|>"), prompt);
        assertTrue(prompt.endsWith("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n"), prompt);
    }

    @Test
    void returnsFunctionCallsAndContinuesWithTheirOutputFromTheStoredResponse() {
        ReplayBackend backend = ReplayModels.serve(models, CALL, "It is sunny in Paris.");
        JsonNode first = SseFrames.parse(given().contentType(ContentType.JSON)
                .body(body(", \"instructions\": \"You report the weather.\", \"tools\": [" + WEATHER_TOOL + "]"))
                .post("/v1/responses").then().statusCode(200).extract().asString());
        assertEquals("completed", first.get("status").asText());
        JsonNode call = first.at("/output/0");
        assertEquals(1, first.get("output").size(), first.toString());
        assertEquals("function_call", call.get("type").asText());
        assertEquals("get_weather", call.get("name").asText());
        assertEquals("{\"city\":\"Paris\"}", call.get("arguments").asText());
        assertTrue(call.get("call_id").asText().startsWith("call_"), call.toString());
        String next = """
                {"model": "%s", "previous_response_id": "%s", "tools": [%s],
                 "input": [{"type": "function_call_output", "call_id": "%s", "output": "{\\"sky\\": \\"sunny\\"}"}]}"""
                .formatted(ReplayModels.NAME, first.get("id").asText(), WEATHER_TOOL, call.get("call_id").asText());
        given().contentType(ContentType.JSON).body(next).post("/v1/responses").then().statusCode(200)
                .body("previous_response_id", equalTo(first.get("id").asText()))
                .body("output[0].content[0].text", equalTo("It is sunny in Paris."));
        String prompt = prompt(backend, 1);
        assertTrue(prompt.contains("\n\nHi<|eot_id|>"), prompt);
        assertTrue(prompt.contains("{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>"),
                prompt);
        assertTrue(prompt.contains("ipython<|end_header_id|>\n\n{\"sky\": \"sunny\"}<|eot_id|>"), prompt);
        // instructions belong to one response: the continuation did not repeat them
        assertTrue(!prompt.contains("You report the weather."), prompt);
    }

    @Test
    void takesAConversationAsInputItemsWithCallsAndOutputs() {
        ReplayBackend backend = ReplayModels.serve(models, "Done.");
        String input = """
                [{"role": "developer", "content": "Answer in English."},
                 {"role": "user", "content": [{"type": "input_text", "text": "Weather "},
                                              {"type": "input_text", "text": "in Oslo?"}]},
                 {"type": "function_call", "call_id": "c1", "name": "get_weather", "arguments": "{\\"city\\": \\"Oslo\\"}"},
                 {"type": "function_call_output", "call_id": "c1", "output": "rain"}]""";
        String id = given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "tools": [%s], "input": %s}""".formatted(ReplayModels.NAME, WEATHER_TOOL,
                        input))
                .post("/v1/responses").then().statusCode(200)
                .body("output[0].content[0].text", equalTo("Done.")).extract().path("id");
        String prompt = prompt(backend, 0);
        assertTrue(prompt.contains("Answer in English."), prompt);
        assertTrue(prompt.contains("\n\nWeather in Oslo?<|eot_id|><|start_header_id|>assistant"), prompt);
        assertTrue(prompt.contains("ipython<|end_header_id|>\n\nrain<|eot_id|>"), prompt);
        given().get("/v1/responses/" + id + "/input_items?order=asc&limit=2").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data", hasSize(2))
                .body("data[0].type", equalTo("message"))
                .body("data[0].role", equalTo("developer"))
                .body("data[0].content[0].type", equalTo("input_text"))
                .body("data[1].content[1].text", equalTo("in Oslo?"))
                .body("has_more", equalTo(true));
        given().get("/v1/responses/" + id + "/input_items").then().statusCode(200)
                .body("data[0].type", equalTo("function_call_output"))
                .body("has_more", equalTo(false));
    }

    @Test
    void streamsTextEventsInOrderWithSequenceNumbers() {
        ReplayModels.serve(models, "Hello there!");
        String body = given().contentType(ContentType.JSON).body(body(", \"stream\": true"))
                .post("/v1/responses").then().statusCode(200).contentType("text/event-stream").extract().asString();
        List<SseFrames.Event> events = SseFrames.events(body);
        List<String> names = events.stream().map(SseFrames.Event::name).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added"), names.subList(0, 4), body);
        assertEquals(List.of("response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), names.subList(names.size() - 4, names.size()), body);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i).json();
            assertEquals(events.get(i).name(), data.get("type").asText());
            assertEquals(i, data.get("sequence_number").asInt());
            if (data.get("type").asText().equals("response.output_text.delta")) {
                text.append(data.get("delta").asText());
            }
        }
        assertEquals("Hello there!", text.toString());
        JsonNode completed = events.getLast().json().get("response");
        assertEquals("Hello there!", completed.at("/output/0/content/0/text").asText());
        String id = completed.get("id").asText();
        assertEquals(id, events.getFirst().json().at("/response/id").asText());
        assertEquals("in_progress", events.getFirst().json().at("/response/status").asText());
        given().get("/v1/responses/" + id).then().statusCode(200).body("output[0].content[0].text",
                equalTo("Hello there!"));
    }

    @Test
    void streamsAFunctionCallAsItsItemAndArguments() {
        ReplayModels.serve(models, CALL);
        String body = given().contentType(ContentType.JSON)
                .body(body(", \"stream\": true, \"tools\": [" + WEATHER_TOOL + "]"))
                .post("/v1/responses").then().statusCode(200).extract().asString();
        List<SseFrames.Event> events = SseFrames.events(body);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                        "response.function_call_arguments.delta", "response.function_call_arguments.done",
                        "response.output_item.done", "response.completed"),
                events.stream().map(SseFrames.Event::name).toList(), body);
        assertEquals("{\"city\":\"Paris\"}", events.get(4).json().get("arguments").asText());
        assertEquals("function_call", events.get(5).json().at("/item/type").asText());
    }

    @Test
    void theTokenLimitMakesTheResponseIncomplete() {
        ReplayModels.serve(models, "One two three four five six", "One two three four five six");
        given().contentType(ContentType.JSON).body(body(", \"max_output_tokens\": 2"))
                .post("/v1/responses").then().statusCode(200)
                .body("status", equalTo("incomplete"))
                .body("incomplete_details.reason", equalTo("max_output_tokens"));
        List<SseFrames.Event> events = SseFrames.events(given().contentType(ContentType.JSON)
                .body(body(", \"max_output_tokens\": 2, \"stream\": true"))
                .post("/v1/responses").then().statusCode(200).extract().asString());
        assertEquals("response.incomplete", events.getLast().name());
    }

    @Test
    void aResponseNotStoredCannotBeContinuedAndADeletedOneIsGone() {
        ReplayModels.serve(models, "A", "B");
        String unstored = given().contentType(ContentType.JSON).body(body(", \"store\": false"))
                .post("/v1/responses").then().statusCode(200).body("store", equalTo(false)).extract().path("id");
        given().contentType(ContentType.JSON).body(body(", \"previous_response_id\": \"" + unstored + "\""))
                .post("/v1/responses").then().statusCode(400)
                .body("error.param", equalTo("$.previous_response_id"));
        given().get("/v1/responses/" + unstored).then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));
        String kept = given().contentType(ContentType.JSON).body(body("")).post("/v1/responses").then()
                .statusCode(200).extract().path("id");
        given().delete("/v1/responses/" + kept).then().statusCode(200)
                .body("id", equalTo(kept)).body("deleted", equalTo(true));
        given().get("/v1/responses/" + kept).then().statusCode(404);
        given().delete("/v1/responses/" + kept).then().statusCode(404);
    }

    @Test
    void aTextFormatWithoutItsSchemaIsA400() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body(body(", \"text\": {\"format\": {\"type\": \"json_schema\"}}"))
                .post("/v1/responses").then().statusCode(400)
                .body("error.param", equalTo("$.text.format.schema"));
    }

    @Test
    void refusesWhatItCannotDoNamingTheField() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body(body(", \"tools\": [{\"type\": \"web_search_preview\"}]"))
                .post("/v1/responses").then().statusCode(501)
                .body("error.code", equalTo("unsupported_feature"))
                .body("error.param", equalTo("$.tools[0].type"));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "input": [{"role": "user", "content": [{"type": "input_image",
                         "image_url": "https://example.com/a.png"}]}]}""".formatted(ReplayModels.NAME))
                .post("/v1/responses").then().statusCode(501)
                .body("error.param", equalTo("$.input[0].content[0]"));
        given().contentType(ContentType.JSON).body(body(", \"background\": true"))
                .post("/v1/responses").then().statusCode(501).body("error.param", equalTo("$.background"));
        given().contentType(ContentType.JSON).body(body(", \"reasoning\": {\"effort\": \"high\"}"))
                .post("/v1/responses").then().statusCode(501).body("error.param", equalTo("$.reasoning"));
    }

    @Test
    void badInputIsA400NamingThePath() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + ReplayModels.NAME + "\"}")
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("$.input"));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "input": [{"type": "function_call_output", "call_id": "nope",
                         "output": "x"}]}""".formatted(ReplayModels.NAME))
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("$.input[0].call_id"));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "input": [{"type": "function_call", "call_id": "c", "name": "f",
                         "arguments": "not json"}]}""".formatted(ReplayModels.NAME))
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("$.input[0].arguments"));
        given().contentType(ContentType.JSON).body(body(", \"tools\": [" + WEATHER_TOOL + ", " + WEATHER_TOOL + "]"))
                .post("/v1/responses").then().statusCode(400)
                .body("error.message", equalTo("$.tools[1].name: duplicate tool name 'get_weather'"));
        given().contentType(ContentType.JSON).body(body(", \"tool_choice\": {\"type\": \"function\", \"name\": "
                        + "\"nope\"}, \"tools\": [" + WEATHER_TOOL + "]"))
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("$.tool_choice.name"));
        given().contentType(ContentType.JSON).body(body(", \"max_output_tokens\": 0"))
                .post("/v1/responses").then().statusCode(400).body("error.param", equalTo("$.max_output_tokens"));
        given().contentType(ContentType.JSON).body("{\"model\": \"no-such-model\", \"input\": \"Hi\"}")
                .post("/v1/responses").then().statusCode(404).body("error.code", equalTo("model_not_found"));
        given().get("/v1/responses/resp_x/input_items?limit=abc").then().statusCode(400)
                .body("error.param", equalTo("limit"));
        given().get("/v1/responses/resp_x/input_items").then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));
    }

    @Test
    void parallelToolCallsOffKeepsTheFirstCall() {
        ReplayModels.serve(models, "[get_weather(city=\"Paris\"), get_weather(city=\"Rome\")]<|eot_id|>");
        given().contentType(ContentType.JSON).body(body(", \"parallel_tool_calls\": false, \"tools\": ["
                        + WEATHER_TOOL + "]"))
                .post("/v1/responses").then().statusCode(200)
                .body("parallel_tool_calls", equalTo(false))
                .body("output", hasSize(1))
                .body("output[0].arguments", equalTo("{\"city\":\"Paris\"}"));
    }

    @Test
    void failureAfterTheFirstEventEndsTheStreamWithAnErrorEvent() {
        int[] ids = SharedTestData.tokenizer().encode("Hello there, friend");
        models.register(new ServedModel(ReplayModels.NAME, new TokenScriptBackend(SharedTestData.tokenizer(), ids,
                1), ReplayModels.DETAILS));
        List<SseFrames.Event> events = SseFrames.events(given().contentType(ContentType.JSON)
                .body(body(", \"stream\": true")).post("/v1/responses").then().statusCode(200).extract().asString());
        SseFrames.Event last = events.getLast();
        assertEquals("error", last.name());
        assertEquals("internal_error", last.json().get("code").asText());
        assertEquals(events.size() - 1, last.json().get("sequence_number").asInt());
    }
}
