package io.lariat.agent.http;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.store.FakeStore;
import io.lariat.agent.store.ModelStore;
import io.lariat.agent.store.ModelStores;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A created model's {@code SYSTEM} and {@code PARAMETER}s apply when chatting with it, as in Ollama: the system prompt
 * when the request has none, the parameters as defaults under the request's options; and two store names of one
 * weights file keep their own identity while sharing the loaded engine.
 */
@QuarkusTest
class CreatedModelProfileTest {
    private static final String SYSTEM = "Be brief.";
    /** Options of requests to the model without parameters: the tiny model may never end a turn by itself. */
    private static final String SHORT = "{\"temperature\": 0, \"num_predict\": 3}";
    private static final String USER = "[{\"role\": \"user\", \"content\": \"Hello there\"}]";

    @Inject
    ServedModels models;

    @Inject
    AgentRuntime runtime;

    private ModelStores stores;

    @BeforeEach
    void storeWithACreatedModel() throws Exception {
        Path tiny = ConcurrentStreamsTest.tinyModel();
        Assumptions.assumeTrue(Files.isRegularFile(tiny), "tiny test model " + tiny + " is absent");
        Path root = Files.createTempDirectory("lariat-profile-test");
        stores = new ModelStores(new ModelStore("lariat", root.resolve("lariat")),
                new ModelStore("ollama", root.resolve("ollama")));
        FakeStore.add(stores.lariat().root(), "registry.ollama.ai", "library", "plain", "latest", tiny);
        ModelStores mine = stores;
        QuarkusMock.installMockForType(new StoredModels() {
            @Override
            public ModelStores stores() {
                return mine;
            }

            @Override
            public List<URI> pullRegistries() {
                return List.of();
            }
        }, StoredModels.class);
        runtime.models().addResolver(stores.resolver());
        given().contentType(ContentType.JSON).body("""
                {"model": "briefed", "from": "plain", "system": "%s", "stream": false,
                 "parameters": {"temperature": 0, "num_predict": 3}}""".formatted(SYSTEM))
                .post("/api/create").then().statusCode(200);
    }

    @AfterEach
    void unload() {
        models.names().stream().filter(n -> !n.startsWith("tiny-llama31")).forEach(models::remove);
    }

    private static JsonPath post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract()
                .jsonPath();
    }

    /** The prompt's length in tokens (OpenAI's usage counts the whole prompt, cached or not). */
    private static int promptTokens(String model, String messages) {
        return post("/v1/chat/completions", "{\"model\": \"" + model + "\", \"max_tokens\": 1, \"messages\": "
                + messages + "}").getInt("usage.prompt_tokens");
    }

    @Test
    void theSystemPromptAppliesWhenTheChatHasNone() {
        JsonPath created = post("/api/chat", "{\"model\": \"briefed\", \"stream\": false, \"messages\": " + USER
                + "}");
        String withSystem = "[{\"role\": \"system\", \"content\": \"" + SYSTEM + "\"}, {\"role\": \"user\", "
                + "\"content\": \"Hello there\"}]";
        JsonPath explicit = post("/api/chat", "{\"model\": \"plain\", \"stream\": false, \"options\": " + SHORT
                + ", \"messages\": " + withSystem + "}");
        assertEquals(explicit.getString("message.content"), created.getString("message.content"));
        assertEquals(promptTokens("plain", withSystem), promptTokens("briefed", USER));
        assertTrue(promptTokens("briefed", USER) > promptTokens("plain", USER), "the system prompt adds tokens");
    }

    @Test
    void aRequestsOwnSystemMessageReplacesTheModels() {
        String own = "[{\"role\": \"system\", \"content\": \"Talk like a pirate.\"}, "
                + "{\"role\": \"user\", \"content\": \"Hello there\"}]";
        assertEquals(promptTokens("plain", own), promptTokens("briefed", own));
    }

    @Test
    void parametersAreDefaultsThatRequestOptionsOverride() {
        post("/api/chat", "{\"model\": \"briefed\", \"stream\": false, \"messages\": " + USER + "}");
        given().contentType(ContentType.JSON).body("{\"model\": \"briefed\", \"stream\": false, \"messages\": "
                + USER + "}").post("/api/chat").then().statusCode(200).body("eval_count", equalTo(3))
                .body("done_reason", equalTo("length"));
        given().contentType(ContentType.JSON).body("{\"model\": \"briefed\", \"stream\": false, \"options\": "
                + "{\"num_predict\": 5}, \"messages\": " + USER + "}").post("/api/chat").then().statusCode(200)
                .body("eval_count", equalTo(5));
        // temperature 0 from the model: the same answer every time, the greedy one
        JsonPath first = post("/api/generate", "{\"model\": \"briefed\", \"stream\": false, \"prompt\": \"Hi\"}");
        JsonPath second = post("/api/generate", "{\"model\": \"briefed\", \"stream\": false, \"prompt\": \"Hi\"}");
        JsonPath greedy = post("/api/generate", "{\"model\": \"plain\", \"stream\": false, \"system\": \"" + SYSTEM
                + "\", \"prompt\": \"Hi\", \"options\": {\"temperature\": 0, \"num_predict\": 3}}");
        assertEquals(greedy.getString("response"), first.getString("response"));
        assertEquals(first.getString("response"), second.getString("response"));
    }

    @Test
    void openAiChatAppliesTheSystemPromptAndParametersToo() {
        JsonPath created = post("/v1/chat/completions", "{\"model\": \"briefed\", \"messages\": " + USER + "}");
        JsonPath explicit = post("/v1/chat/completions", "{\"model\": \"plain\", \"temperature\": 0, "
                + "\"max_tokens\": 3, \"messages\": [{\"role\": \"system\", \"content\": \"" + SYSTEM + "\"}, "
                + "{\"role\": \"user\", \"content\": \"Hello there\"}]}");
        assertEquals(3, created.getInt("usage.completion_tokens"));
        assertEquals("length", created.getString("choices[0].finish_reason"));
        assertEquals(explicit.getInt("usage.prompt_tokens"), created.getInt("usage.prompt_tokens"));
        assertEquals(explicit.getString("choices[0].message.content"),
                created.getString("choices[0].message.content"));
        assertEquals(4, post("/v1/chat/completions", "{\"model\": \"briefed\", \"max_tokens\": 4, \"messages\": "
                + USER + "}").getInt("usage.completion_tokens"));
        assertEquals("briefed:latest", created.getString("model"));
    }

    /** /v1/completions is raw (no template, so no SYSTEM), but the model's PARAMETERs are its defaults too. */
    @Test
    void openAiCompletionsApplyTheParameters() {
        JsonPath created = post("/v1/completions", "{\"model\": \"briefed\", \"prompt\": \"Hello there\"}");
        JsonPath explicit = post("/v1/completions", "{\"model\": \"plain\", \"temperature\": 0, \"max_tokens\": 3, "
                + "\"prompt\": \"Hello there\"}");
        assertEquals(3, created.getInt("usage.completion_tokens"), "num_predict 3, not the default 16");
        assertEquals("length", created.getString("choices[0].finish_reason"));
        assertEquals(explicit.getInt("usage.prompt_tokens"), created.getInt("usage.prompt_tokens"), "no SYSTEM");
        assertEquals(explicit.getString("choices[0].text"), created.getString("choices[0].text"), "temperature 0");
        assertEquals(5, post("/v1/completions", "{\"model\": \"briefed\", \"max_tokens\": 5, \"prompt\": "
                + "\"Hello there\"}").getInt("usage.completion_tokens"), "the body's max_tokens wins");
    }

    @Test
    void stopParametersEndTheAnswer() {
        String greedy = post("/api/chat", "{\"model\": \"plain\", \"stream\": false, \"options\": {\"temperature\": "
                + "0, \"num_predict\": 12}, \"messages\": " + USER + "}").getString("message.content");
        Assumptions.assumeTrue(greedy.length() >= 4, "the tiny model's greedy answer is too short: " + greedy);
        String stop = greedy.substring(greedy.length() / 2, greedy.length() / 2 + 2);
        given().contentType(ContentType.JSON).body("{\"model\": \"stopper\", \"from\": \"plain\", \"stream\": false, "
                + "\"parameters\": {\"temperature\": 0, \"num_predict\": 12, \"stop\": [\"" + stop.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"]}}").post("/api/create").then().statusCode(200);
        String stopped = post("/api/chat", "{\"model\": \"stopper\", \"stream\": false, \"messages\": " + USER + "}")
                .getString("message.content");
        assertEquals(greedy.substring(0, greedy.indexOf(stop)), stopped);
    }

    @Test
    void anUnsupportedSamplingParameterIsNamedWith501() {
        given().contentType(ContentType.JSON).body("{\"model\": \"wobbly\", \"from\": \"plain\", \"stream\": false, "
                + "\"parameters\": {\"mirostat\": 2, \"num_thread\": 8}}").post("/api/create").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"model\": \"wobbly\", \"stream\": false, \"messages\": " + USER
                + "}").post("/api/chat").then().statusCode(501).body("error", equalTo("$.model: PARAMETER "
                + "mirostat 2 of model 'wobbly:latest' is not supported by Lariat"));
    }

    @Test
    void twoNamesOfOneFileKeepTheirOwnIdentityAndShareTheEngine() {
        post("/api/chat", "{\"model\": \"plain\", \"stream\": false, \"options\": " + SHORT + ", \"messages\": "
                + USER + "}");
        post("/api/chat", "{\"model\": \"briefed\", \"stream\": false, \"messages\": " + USER + "}");
        given().get("/api/ps").then().statusCode(200)
                .body("models.name", hasItems("plain:latest", "briefed:latest"));
        assertTrue(models.lookup("plain").orElseThrow().backend() == models.lookup("briefed").orElseThrow()
                .backend(), "one engine for one file");
        assertNotEquals(models.lookup("plain").orElseThrow().profile(), models.lookup("briefed").orElseThrow()
                .profile());
        // unloading one name keeps the other served, on the same engine
        given().contentType(ContentType.JSON).body("{\"model\": \"briefed\", \"keep_alive\": 0}")
                .post("/api/generate").then().statusCode(200).body("done_reason", equalTo("unload"));
        given().get("/api/ps").then().body("models.name", hasItem("plain:latest"))
                .body("models.name", not(hasItem("briefed:latest")));
        post("/api/chat", "{\"model\": \"plain\", \"stream\": false, \"options\": " + SHORT + ", \"messages\": "
                + USER + "}");
        // and loading it again still gives it its own profile
        given().contentType(ContentType.JSON).body("{\"model\": \"briefed\", \"stream\": false, \"messages\": "
                + USER + "}").post("/api/chat").then().statusCode(200).body("eval_count", equalTo(3))
                .body("model", equalTo("briefed"));
    }
}
