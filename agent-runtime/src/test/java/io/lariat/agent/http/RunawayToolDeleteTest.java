package io.lariat.agent.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentRuntime;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE} of a session over HTTP while its Python tool runs a builtin that never polls
 * ({@code hashlib.pbkdf2_hmac} with 10^9 iterations, minutes of CPU): the server never waits on guest code, so the
 * DELETE answers at once, the run ends with a {@code session_closed} error event (no further model turn) and the
 * worker is killed. The figures are printed for the closing
 * note (timings are never asserted); a generous guard only turns a hang into a failure.
 */
@QuarkusTest
@TestProfile(RunawayToolDeleteTest.PythonAgent.class)
class RunawayToolDeleteTest {
    private static final String RUNAWAY = "<|python_tag|>import hashlib\n"
            + "hashlib.pbkdf2_hmac('sha256', b'x', b'y', 10**9)<|eom_id|>";

    @Inject
    AgentRuntime runtime;

    @TestHTTPResource("/")
    URL base;

    /** An agent with the Python built-in on the scripted model, its wall limit far beyond the test. */
    public static class PythonAgent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lariat.agents.coder.model", SwitchableBackend.NAME,
                    "lariat.agents.coder.builtins", "code_interpreter",
                    "lariat.agents.coder.system-prompt", "You run Python.",
                    "lariat.tools.timeout", "10m");
        }
    }

    @Test
    void deletingASessionDuringARunawayBuiltinAnswersAtOnceAndEndsTheStream() throws Exception {
        SwitchableBackend.in(runtime).play(Duration.ZERO, RUNAWAY, "Done.");
        String id = given().post("/agents/coder/sessions").then().statusCode(201).extract().path("id");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(messages(id))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Hash it.\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        for (String line; (line = events.readLine()) != null && !line.equals("event: tool_call"); ) {
            // the tool starts right after its call event
        }
        Thread.sleep(2000);
        StringBuilder rest = new StringBuilder();
        CompletableFuture<Long> streamEnd = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = events.readLine()) != null; ) {
                    rest.append(line).append('\n');
                }
                return System.nanoTime();
            } catch (java.io.IOException e) {
                return System.nanoTime();
            }
        });
        long start = System.nanoTime();
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(base + "agents/coder/sessions/"
                + id)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        long ended = streamEnd.get(60, TimeUnit.SECONDS);
        System.out.printf("DELETE during pbkdf2 over HTTP: answered in %.1f ms, stream ended %.1f ms after the "
                + "DELETE was sent%n", (answered - start) / 1e6, (ended - start) / 1e6);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertTrue(ended > 0);
        // the run ends with the session: no further model turn, no final answer
        assertTrue(rest.toString().contains("event: error\ndata: {\"turn\":1,\"kind\":\"session_closed\""),
                rest.toString());
        assertTrue(!rest.toString().contains("event: final"), rest.toString());
        given().get("/agents/coder/sessions/" + id).then().statusCode(404);
    }

    private URI messages(String id) {
        return URI.create(base + "agents/coder/sessions/" + id + "/messages");
    }
}
