package io.lariat.agent.http;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.Session;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AgentResourceTest {
    private static final String CALL = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>";

    @Inject
    AgentRuntime runtime;

    @TestHTTPResource("/")
    URL base;

    private SwitchableBackend backend;

    @BeforeEach
    void registerBackend() {
        backend = SwitchableBackend.in(runtime);
    }

    private static String openSession() {
        return given().post("/agents/weather/sessions").then().statusCode(201)
                .body("agent", equalTo("weather")).extract().path("id");
    }

    @Test
    void listsDeclaredAgentsWithTheirTools() {
        given().get("/agents").then().statusCode(200)
                .body("find { it.name == 'weather' }.model", equalTo(SwitchableBackend.NAME))
                .body("find { it.name == 'weather' }.system_prompt", equalTo("You report the weather."))
                .body("find { it.name == 'weather' }.tools.name", equalTo(List.of("get_weather")))
                .body("find { it.name == 'weather' }.tools[0].parameters.required", equalTo(List.of("city")))
                .body("name", hasItem("default"));
    }

    @Test
    void streamsToolCallResultTokensFinalAndStatsEvents() {
        backend.play(Duration.ZERO, CALL, "It is 22 C in Paris.");
        String id = openSession();
        String body = given().contentType(ContentType.JSON).body("{\"content\": \"Weather in Paris?\"}")
                .post("/agents/weather/sessions/" + id + "/messages")
                .then().statusCode(200).contentType("text/event-stream").extract().asString();
        List<SseFrames.Event> events = SseFrames.events(body);
        List<String> names = events.stream().map(SseFrames.Event::name).distinct().toList();
        assertEquals(List.of("tool_call", "tool_result", "token", "final", "stats"), names, body);
        assertEquals("get_weather", events.get(0).json().get("name").asText());
        assertEquals("Paris", events.get(0).json().at("/arguments/city").asText());
        assertEquals("22 C and sunny in Paris", events.get(1).json().get("content").asText());
        assertFalse(events.get(1).json().get("error").asBoolean());
        assertEquals(events.get(0).json().get("id"), events.get(1).json().get("id"));
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("token")).forEach(e -> text.append(e.json().get("text").asText()));
        assertEquals("It is 22 C in Paris.", text.toString());
        assertEquals("answer", events.get(events.size() - 2).json().get("reason").asText());
        assertEquals(2, events.getLast().json().get("iterations").asInt());
    }

    @Test
    void answersOneResultWithoutStreamAndKeepsTheTranscript() {
        backend.play(Duration.ZERO, CALL, "It is 22 C in Paris.");
        String id = openSession();
        given().contentType(ContentType.JSON).body("{\"content\": \"Weather in Paris?\", \"stream\": false}")
                .post("/agents/weather/sessions/" + id + "/messages")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("session_id", equalTo(id))
                .body("content", equalTo("It is 22 C in Paris."))
                .body("reason", equalTo("answer"))
                .body("tool_calls[0].name", equalTo("get_weather"))
                .body("tool_calls[0].result", equalTo("22 C and sunny in Paris"))
                .body("stats.iterations", equalTo(2));
        given().get("/agents/weather/sessions/" + id).then().statusCode(200)
                .body("running", equalTo(false))
                .body("messages.role", equalTo(List.of("user", "assistant", "tool", "assistant")))
                .body("messages[1].tool_calls[0].function.name", equalTo("get_weather"))
                .body("messages[3].content", equalTo("It is 22 C in Paris."));
    }

    @Test
    void deletedSessionsAreGone() {
        String id = openSession();
        given().delete("/agents/weather/sessions/" + id).then().statusCode(204);
        given().get("/agents/weather/sessions/" + id).then().statusCode(404)
                .body("error.code", equalTo("session_not_found"))
                .body("error.message", equalTo("session '" + id + "' not found"));
        assertTrue(runtime.sessions().find(id).isEmpty());
    }

    @Test
    void unknownAgentsAndForeignSessionsAre404() {
        given().post("/agents/nobody/sessions").then().statusCode(404).body("error.code", equalTo("agent_not_found"));
        String id = openSession();
        given().get("/agents/default/sessions/" + id).then().statusCode(404)
                .body("error.code", equalTo("session_not_found"));
        given().contentType(ContentType.JSON).body("{\"content\": \"\"}")
                .post("/agents/weather/sessions/" + id + "/messages").then().statusCode(400)
                .body("error.message", equalTo("$.content: required: the user's message"));
    }

    @Test
    void closingTheConnectionCancelsTheRun() throws Exception {
        backend.play(Duration.ofMillis(100), "word ".repeat(200));
        String id = openSession();
        Session session = runtime.sessions().find(id).orElseThrow();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "agents/weather/sessions/" + id + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Talk\"}")).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                assertEquals("event: token", lines.readLine());
                assertTrue(session.running());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (session.running() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // 200 tokens at 100 ms would run for 20 s: the run stopped because the client went away
        assertFalse(session.running());
    }
}
