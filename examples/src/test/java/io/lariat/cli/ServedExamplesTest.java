package io.lariat.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.agent.AgentRuntime;
import io.lariat.examples.LocalTools;
import io.lariat.examples.researcher.BriefSearch;
import io.lariat.tools.ToolOptions;
import io.lariat.tools.ToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code lariat serve} serves the four example agents as {@code lariat agent} runs them, with the built-ins as
 * configured (here: the defaults).
 */
@QuarkusTest
@TestProfile(ServerProfiles.Defaults.class)
class ServedExamplesTest {

    @Inject
    AgentRuntime runtime;

    @Test
    void theServerAnswers() {
        given().get("/api/version").then().statusCode(200).body("version", equalTo("0.1.0"));
    }

    @Test
    void listsTheExampleAgentsWithTheirTools() {
        given().get("/agents").then().statusCode(200)
                .body("name", contains("analyst", "calculator", "concierge", "default", "researcher"))
                .body("find { it.name == 'analyst' }.tools.name", contains("code_interpreter"))
                .body("find { it.name == 'calculator' }.tools.name", contains("wolfram_alpha"))
                .body("find { it.name == 'concierge' }.tools.name", contains("convert_units", "lookup_order"))
                .body("find { it.name == 'researcher' }.tools.name", contains("brave_search"))
                .body("find { it.name == 'default' }.tools", equalTo(java.util.List.of()));
    }

    @Test
    void calculatorRunsOverHttp() {
        String session = given().post("/agents/calculator/sessions").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"content\": \"What is 17% of 2340?\", \"stream\": false}")
                .post("/agents/calculator/sessions/" + session + "/messages").then().statusCode(200)
                .body("content", equalTo(ScriptedServerModel.ANSWER))
                .body("tool_calls[0].name", equalTo("wolfram_alpha"))
                .body("tool_calls[0].error", equalTo(false))
                .body("tool_calls[0].result", containsString("397.8"));
    }

    @Test
    void researcherSearchesAsInTheCliByDefault() throws Exception {
        // the brief search the demo model was trained on: two results, one sentence each, as lariat agent researcher
        ToolResult result = ServedTools.call(runtime, "researcher", "brave_search",
                "{\"query\": \"first ascent of Mount Everest\"}");
        assertFalse(result.error(), result.content());
        JsonNode results = new ObjectMapper().readTree(result.content());
        assertEquals(BriefSearch.RESULTS, results.size(), result.content());
        assertTrue(results.get(0).get("url").asText().endsWith("mount-everest.md"), result.content());
        try (LocalTools cli = new LocalTools()) {
            assertEquals(new ObjectMapper().valueToTree(cli.search().braveSearch("first ascent of Mount Everest")),
                    results);
        }
    }

    @Test
    void analystKeepsItsOwnToolTimeoutAndTheConfiguredOutputLimit() {
        ToolOptions options = runtime.agent("analyst").tools().options();
        assertEquals(Duration.ofMinutes(2), options.timeout());
        assertEquals(ToolOptions.defaults().maxOutputBytes(), options.maxOutputBytes());
        assertEquals(Duration.ofSeconds(30), runtime.agent("calculator").tools().options().timeout());
    }

    @Test
    void calculatorAnswersLocallyByDefault() {
        ToolResult result = ServedTools.call(runtime, "calculator", "wolfram_alpha", "{\"query\": \"capital of France\"}");
        assertTrue(result.error(), result.content());
        assertFalse(result.content().contains("Wolfram Alpha"), result.content());
        assertFalse(ServedTools.description(runtime, "calculator", "wolfram_alpha").endsWith("online."));
    }
}
