package io.lariat.agent.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 32 concurrent streaming clients against the tiny Llama 3.1 test model in the embedded engine: every stream
 * completes. Also logs requests/s and time to first token (measured, never asserted).
 */
@QuarkusTest
@TestProfile(ConcurrentStreamsTest.TinyModel.class)
class ConcurrentStreamsTest {
    private static final Logger LOG = Logger.getLogger(ConcurrentStreamsTest.class);
    private static final String MODEL = "tiny-llama31-q8_0";
    private static final int CLIENTS = 32;

    @TestHTTPResource("/")
    URL base;

    static Path tinyModel() {
        return Path.of(System.getProperty("lariat.shared.dir", "../../shared"), "testdata", MODEL + ".gguf");
    }

    /** Serves the tiny model (when present) with room for 32 streams: 8 decoding, 32 waiting. */
    public static final class TinyModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of("lariat.scheduler.max-active", "8",
                    "lariat.scheduler.queue-capacity", "32", "lariat.context-size", "512", "lariat.threads", "1"));
            if (Files.isRegularFile(tinyModel())) {
                config.put("lariat.model", tinyModel().toString());
            }
            return config;
        }
    }

    @Test
    void thirtyTwoConcurrentStreamsAllComplete() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(tinyModel()), "tiny test model " + tinyModel() + " is absent");
        given().get("/api/tags").then().statusCode(200).body("models[0].name", equalTo(MODEL))
                .body("models[0].details.quantization_level", equalTo("Q8_0"));
        StreamingLoad.Report warmup = StreamingLoad.run(base.toURI(), MODEL, 1, 4);
        assertEquals(200, warmup.clients().getFirst().status());
        StreamingLoad.Report report = StreamingLoad.run(base.toURI(), MODEL, CLIENTS, 16);
        for (StreamingLoad.ClientResult client : report.clients()) {
            assertEquals(200, client.status());
            assertTrue(client.done(), "stream ended without [DONE]: " + client);
            assertTrue(client.finishReason() != null, "stream without a finish chunk: " + client);
            assertTrue(client.chunks() >= 2, "stream without its role and finish chunks: " + client);
        }
        LOG.info(report.summary());
    }

    @Test
    void ollamaChatStreamsFromTheEmbeddedModel() {
        Assumptions.assumeTrue(Files.isRegularFile(tinyModel()), "tiny test model " + tinyModel() + " is absent");
        String body = given().contentType("application/json").body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}],
                         "options": {"num_predict": 8, "temperature": 0}}""".formatted(tinyModel()))
                .post("/api/chat").then().statusCode(200).extract().asString();
        var last = SseFrames.lines(body).getLast();
        assertTrue(last.get("done").asBoolean());
        assertTrue(last.get("prompt_eval_count").asInt() > 0);
        assertTrue(last.get("eval_count").asInt() <= 8 + 1);
    }
}
